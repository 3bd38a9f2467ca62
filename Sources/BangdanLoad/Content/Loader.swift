import BangdanCore
import Foundation

/// The `load` stage: reads the `content/` tree exactly as SCHEMA.md §1 lays it out. With `write`, the only
/// stage that touches the file system. Symbolic links are refused without being followed.
public enum Loader {
    public static let markdownLimit = 1 << 20
    public static let attachmentLimit = AttachmentFile.sizeLimit
    public static let attachmentExtensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "png", "jpg", "jpeg", "webp",
    ]

    /// True when `name` is `….md` in any case: its path extension, lower-cased, is `md` (a name of `.md` alone
    /// has none). Asked of every file of every list before Foundation's `pathExtension` (10,000 instructions a
    /// name), which the other names still go to.
    static func isMarkdownName(_ name: String) -> Bool {
        let bytes = Array(name.utf8.suffix(4))
        guard name.utf8.count > 3, bytes.count == 4 else { return false }
        return bytes[1] == 0x2E && bytes[2] | 0x20 == 0x6D && bytes[3] | 0x20 == 0x64
    }

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 80 characters (SCHEMA.md §1, `slug-invalid`).
    public static func isSlug(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 80, bytes.first != 0x2D, bytes.last != 0x2D else { return false }
        var previous: UInt8 = 0
        for b in bytes {
            let isAlphanumeric = (0x61...0x7A).contains(b) || (0x30...0x39).contains(b)
            guard isAlphanumeric || (b == 0x2D && previous != 0x2D) else { return false }
            previous = b
        }
        return true
    }

    /// Reads and parses `site/content`. Throws only for the environment (no content folder, unreadable folder).
    public static func load(site: String) throws -> LoadedContent {
        parse(try read(site: site))
    }

    /// Walks `site/content` and reads every text file's bytes, without parsing: enough to fingerprint the input,
    /// so an unchanged rebuild can stop here. A list's file whose stamp is that of a `known` file (by path) is not
    /// read: its known hash stands for its bytes, and its position is in `unread`. The caller gives only stamps
    /// that can vouch for their files (none taken in the tick the record of them was saved, `FileStamp.isRacy`).
    public static func read(site: String, known: [String: KnownFile] = [:]) throws -> ContentFiles {
        let root = try requireContent(site: site)
        var walk = Walk(root: root, known: known)
        try walk.readRoot()
        let (pending, knownHashes) = (walk.pending, walk.knownHashes)
        let read = Parallel.map(Array(pending.indices)) { index in
            knownHashes[index] ?? BytesHash.of(pending[index].bytes)
        }
        var files = ContentFiles(
            texts: walk.pending, hashes: read, stamps: walk.stamps,
            unread: walk.knownHashes.keys.sorted(), attachments: walk.attachments, listIDs: walk.listIDs,
            diagnostics: walk.diagnostics, fingerprint: 0)
        files.fingerprint = fingerprint(files)
        return files
    }

    /// The site's `content` folder, or `noContent` when there is none.
    @discardableResult public static func requireContent(site: String) throws -> String {
        let root = (site as NSString).appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BangdanError.noContent(path: root)
        }
        return root
    }

    /// Reads the bytes `read` left unread, but for the positions in `leaving`, which stay in `unread`. A file
    /// found changed since its stamp was taken (written in between) gets the hash of what is read now, no stamp,
    /// and the fingerprint is made again.
    public static func readUnread(_ files: inout ContentFiles, site: String, leaving: Set<Int> = []) throws {
        let left = files.unread.filter(leaving.contains)
        files.unread.removeAll(where: leaving.contains)
        defer { files.unread = left }
        guard !files.unread.isEmpty else { return }
        let root = (site as NSString).appendingPathComponent("content")
        // By folder (a list's files are neighbours in `texts`): each folder opened once, its files read and
        // hashed relative to it, the folders on every core.
        var groups: [(folder: [String], files: [(index: Int, name: String)])] = []
        for index in files.unread {
            var parts = files.texts[index].path.split(separator: "/").dropFirst().map(String.init)
            let name = parts.removeLast()
            if groups.last?.folder == parts {
                groups[groups.count - 1].files.append((index, name))
            } else {
                groups.append((parts, [(index, name)]))
            }
        }
        let read = Parallel.map(groups) { group -> [(index: Int, outcome: RegularFile.Outcome, hash: UInt64)] in
            var refusal = RegularFile.Outcome.failed("not a folder")
            guard var folder = OpenFolder(root) else {
                let reason = RegularFile.Outcome.failed(String(cString: strerror(errno)))
                return group.files.map { ($0.index, reason, 0) }
            }
            for name in group.folder {
                guard let next = OpenFolder.open(name, in: folder, refusal: &refusal) else {
                    return group.files.map { ($0.index, refusal, 0) }
                }
                folder = next
            }
            return group.files.map { file in
                // The walk found it regular, with the stamp the known file had.
                let outcome = folder.readRegular(file.name, limit: markdownLimit)
                guard case .bytes(let bytes) = outcome else { return (file.index, outcome, 0) }
                return (file.index, outcome, BytesHash.of(bytes))
            }
        }
        var changed = false
        for (index, outcome, hash) in read.joined() {
            guard case .bytes(let bytes) = outcome else {
                throw BangdanError.unreadable(
                    path: files.texts[index].path, reason: RegularFile.reason(outcome, limit: markdownLimit))
            }
            files.texts[index].bytes = bytes
            if hash != files.hashes[index] {
                files.hashes[index] = hash
                files.stamps[index] = nil
                changed = true
            }
        }
        if changed { files.fingerprint = fingerprint(files) }
    }

    /// One number for the whole content folder: every text's path and hash, every attachment's path, size and
    /// time, and the paths of the walk's problems.
    static func fingerprint(_ files: ContentFiles) -> UInt64 {
        var fingerprint = Fingerprint()
        for (text, hash) in zip(files.texts, files.hashes) {
            fingerprint.add(text.path)
            fingerprint.add(hash)
        }
        for attachment in files.attachments {
            fingerprint.add(attachment.path)
            fingerprint.add(UInt64(attachment.size))
            fingerprint.add(attachment.modified.bitPattern)
        }
        for diagnostic in files.diagnostics { fingerprint.add(diagnostic.path) }
        return fingerprint.value
    }

    /// Parses what `read` found, file by file on all cores. A file in `reusing` (by its index in `read.texts`) is
    /// not parsed: an earlier build decoded its front matter (`DecodedFiles`), and only its body is taken, from
    /// the offset given, as `bodyOffset` says it lies there; if the file was left unread, its body is where it
    /// lies (`MarkdownText.unread`). Every other file must have been read.
    public static func parse(_ read: ContentFiles, reusing: [Int: (bodyOffset: Int, bodyLine: Int)] = [:])
        -> LoadedContent
    {
        let unread = Set(read.unread)
        let files = Parallel.map(Array(read.texts.indices)) { index -> (file: SourceFile, diagnostics: [Diagnostic]) in
            let (path, role, bytes) = read.texts[index]
            if let (offset, line) = reusing[index], unread.contains(index) {
                let body = MarkdownText(unreadAt: .init(path: path, hash: read.hashes[index], offset: offset))
                return (
                    SourceFile(path: path, role: role, yaml: nil, body: body, bodyLine: line, bodyOffset: offset), []
                )
            }
            precondition(!unread.contains(index), "a file left unread is one whose decoded requirement is reused")
            if let (offset, line) = reusing[index], offset <= bytes.count {
                // The file's bytes hash as they did when that build found them UTF-8: not checked again.
                let body = MarkdownText(utf8: bytes[offset...])
                return (
                    SourceFile(path: path, role: role, yaml: nil, body: body, bodyLine: line, bodyOffset: offset), []
                )
            }
            return parse(bytes: bytes, path: path, role: role)
        }
        return LoadedContent(
            files: files.map(\.file),
            attachments: read.attachments,
            listIDs: read.listIDs,
            diagnostics: read.diagnostics + files.flatMap(\.diagnostics),
            fingerprint: read.fingerprint
        )
    }

    /// Turns one file's bytes into a `SourceFile`: pure, so files can be parsed in any order or in parallel.
    public static func parse(bytes: [UInt8], path: String, role: SourceRole) -> (
        file: SourceFile, diagnostics: [Diagnostic]
    ) {
        parseAsBytes(bytes, path: path, role: role) ?? parseAsText(bytes, path: path, role: role)
    }

    /// `parse` for any file: the whole text made a string, checked as UTF-8 (with the position of a bad byte),
    /// a byte-order mark dropped and carriage returns read as line ends (`TextDecoding`), then split.
    static func parseAsText(_ bytes: [UInt8], path: String, role: SourceRole) -> (
        file: SourceFile, diagnostics: [Diagnostic]
    ) {
        var file = SourceFile(path: path, role: role, yaml: nil, body: "", bodyLine: 1)
        var body = ""
        let text: String
        switch TextDecoding.decode(bytes) {
        case .failure(.invalidUTF8(let position)):
            return (file, [Diagnostic(.encoding, path: path, at: position)])
        case .success(let decoded):
            text = decoded
        }
        let yamlText: String
        let yamlLine: Int
        switch role {
        case .site, .vocabulary:
            (yamlText, yamlLine) = (text, 1)
        case .listIndex, .requirement:
            switch FrontMatter.split(text) {
            case .failure(.missing): return (file, [Diagnostic(.frontMatterMissing, path: path)])
            case .failure(.unclosed): return (file, [Diagnostic(.frontMatterUnclosed, path: path)])
            case .success(let split):
                (yamlText, yamlLine) = (split.yaml, split.yamlLine)
                body = split.body
                file.bodyLine = split.bodyLine
            }
        }
        var diagnostics: [Diagnostic] = []
        if body.containsForbiddenInText {
            (body, diagnostics) = removingForbidden(from: body, path: path, firstLine: file.bodyLine)
        } else if case .requirement = role, !bytes.starts(with: TextDecoding.byteOrderMark),
            bytes.withUnsafeBufferPointer({ $0.baseAddress.map { memchr($0, 0x0D, bytes.count) == nil } ?? true })
        {
            // The text is the bytes, and the body their end (`FrontMatter.split`).
            file.bodyOffset = bytes.count - body.utf8.count
        }
        file.body = MarkdownText(body)
        let result = YAMLReader.read(yamlText, path: path, firstLine: yamlLine)
        if !result.failed {
            let empty = YAMLNode(.mapping([]), at: SourcePosition(line: yamlLine, column: 1))
            file.yaml = YAMLDocument(root: result.root ?? empty)
        }
        return (file, result.diagnostics + diagnostics)
    }

    /// `parse` for the usual list or requirement file: no byte-order mark, no carriage return, well-formed UTF-8
    /// (`TextDecoding.isValidUTF8`), front matter fenced, a body without characters to drop. The front matter
    /// becomes a string; the body stays the file's bytes, never made a string (checking a requirement's few
    /// kilobytes as a string was 2 % of a build). Nil for any other file, which `parse` reads the general way
    /// (and which reports what is wrong with it).
    static func parseAsBytes(_ bytes: [UInt8], path: String, role: SourceRole) -> (
        file: SourceFile, diagnostics: [Diagnostic]
    )? {
        switch role {
        case .requirement, .listIndex: break
        case .site, .vocabulary: return nil
        }
        let parts = bytes.withUnsafeBufferPointer { buffer -> (yaml: Range<Int>, body: Int, bodyLine: Int)? in
            guard let base = buffer.baseAddress, !buffer.starts(with: TextDecoding.byteOrderMark),
                memchr(base, 0x0D, buffer.count) == nil, TextDecoding.isValidUTF8(buffer),
                case .success(let parts) = FrontMatter.parts(utf8: buffer),
                !String.containsForbidden(UnsafeBufferPointer(rebasing: buffer[parts.body...]))
            else { return nil }
            return parts
        }
        guard let parts else { return nil }
        var file = SourceFile(
            path: path, role: role, yaml: nil, body: MarkdownText(utf8: bytes[parts.body...]),
            bodyLine: parts.bodyLine)
        if case .requirement = role { file.bodyOffset = parts.body }
        // Valid UTF-8, so nothing is repaired.
        let result = YAMLReader.read(String(decoding: bytes[parts.yaml], as: UTF8.self), path: path, firstLine: 2)
        if !result.failed {
            let empty = YAMLNode(.mapping([]), at: SourcePosition(line: 2, column: 1))
            file.yaml = YAMLDocument(root: result.root ?? empty)
        }
        return (file, result.diagnostics)
    }

    /// A body without the characters no published page may hold, and a warning for each line that had any, at
    /// the first of them (SCHEMA.md §2: such characters are `text-invalid`; in a body they are dropped, not fatal).
    static func removingForbidden(from body: String, path: String, firstLine: Int) -> (String, [Diagnostic]) {
        var kept = String.UnicodeScalarView()
        var diagnostics: [Diagnostic] = []
        var line = firstLine
        var column = 1
        var first: (character: Unicode.Scalar, column: Int)?
        var count = 0
        func flush() {
            if let first {
                diagnostics.append(
                    Diagnostic(
                        .bodyCharacterDropped(character: first.character.codePointName, count: count),
                        path: path, at: SourcePosition(line: line, column: first.column)))
            }
            first = nil
            count = 0
        }
        for scalar in body.unicodeScalars {
            if scalar.isForbiddenInText {
                if first == nil { first = (scalar, column) }
                count += 1
            } else {
                kept.append(scalar)
            }
            // Columns count the characters as they are in the file, dropped ones included.
            column += 1
            if scalar == "\n" {
                flush()
                line += 1
                column = 1
            }
        }
        flush()
        return (String(kept), diagnostics)
    }
}

/// The parsed YAML of one file.
public struct YAMLDocument: Hashable, Sendable {
    public var root: YAMLNode
}

/// The walk over `content/`: collects files to parse, attachments and layout problems. Only regular files are
/// ever opened (`RegularFile`); a folder, pipe or device where a file belongs is reported, never read.
private struct Walk: Sendable {
    let root: String
    let known: [String: KnownFile]
    var pending: [(path: String, role: SourceRole, bytes: [UInt8])] = []
    /// The stamp of each of `pending`, when the file may be skipped next time.
    var stamps: [FileStamp?] = []
    /// The known hash of each of `pending` left unread, by position.
    var knownHashes: [Int: UInt64] = [:]
    var attachments: [AttachmentFile] = []
    var listIDs: [String] = []
    var diagnostics: [Diagnostic] = []

    init(root: String, known: [String: KnownFile]) {
        self.root = root
        self.known = known
    }

    private func relative(_ parts: [String]) -> String { (["content"] + parts).joined(separator: "/") }

    private func absolute(_ parts: [String]) -> String { ([root] + parts).joined(separator: "/") }

    private func entries(_ parts: [String]) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: absolute(parts))
                .filter { !$0.hasPrefix(".") }
                .sortedByBytes()
        } catch {
            throw BangdanError.unreadable(path: relative(parts), reason: error.localizedDescription)
        }
    }

    /// The folder at `parts`, opened step by step from `content/` without following a symbolic link, so that
    /// its files are looked up relative to it (a list folder's fifty files without walking fifty paths).
    private func open(_ parts: [String]) throws -> OpenFolder {
        guard var folder = OpenFolder(root) else {
            throw BangdanError.unreadable(path: relative([]), reason: String(cString: strerror(errno)))
        }
        var refusal = RegularFile.Outcome.failed("")
        for (depth, name) in parts.enumerated() {
            guard let next = OpenFolder.open(name, in: folder, refusal: &refusal) else {
                throw BangdanError.unreadable(
                    path: relative(Array(parts[...depth])), reason: RegularFile.reason(refusal, limit: 0))
            }
            folder = next
        }
        return folder
    }

    /// The names in an open folder, as `entries` gives them.
    private func entries(in folder: borrowing OpenFolder, _ parts: [String]) throws -> [String] {
        guard let names = folder.names() else {
            throw BangdanError.unreadable(path: relative(parts), reason: String(cString: strerror(errno)))
        }
        return names.filter { !$0.hasPrefix(".") }.sortedByBytes()
    }

    /// `entry`, looked up in an open folder.
    private func entry(in folder: borrowing OpenFolder, _ parts: [String]) throws -> Entry {
        guard let info = folder.info(parts[parts.count - 1]) else {
            throw BangdanError.unreadable(path: relative(parts), reason: String(cString: strerror(errno)))
        }
        return Entry(info)
    }

    private struct Entry {
        var type: FileType
        var size = 0
        var modified = 0.0
        var stamp: FileStamp

        init(_ info: stat) {
            stamp = FileStamp(info)
            type = FileType(mode: info.st_mode)
            size = Int(info.st_size)
            modified = Double(info.modification.seconds) + Double(info.modification.nanoseconds) / 1e9
        }
    }

    /// `lstat`, so a symbolic link is seen as a link and never followed.
    private func entry(_ parts: [String]) throws -> Entry {
        var info = stat()
        guard lstat(absolute(parts), &info) == 0 else {
            throw BangdanError.unreadable(path: relative(parts), reason: String(cString: strerror(errno)))
        }
        return Entry(info)
    }

    private mutating func report(_ problem: Problem, _ parts: [String]) {
        diagnostics.append(Diagnostic(problem, path: relative(parts)))
    }

    /// Names in one folder that differ only in case: reported on each later one, naming the first.
    private mutating func reportCaseCollisions(_ names: [String], in parts: [String]) {
        var first: [String: String] = [:]
        first.reserveCapacity(names.count)
        for name in names {
            let folded = name.lowercased()
            if let other = first[folded] {
                report(.caseCollision(name: name, other: other), parts + [name])
            } else {
                first[folded] = name
            }
        }
    }

    mutating func readRoot() throws {
        let names = try entries([])
        var seen: Set<String> = []
        for name in names {
            let entry = try entry([name])
            seen.insert(name)
            let vocabulary = VocabularyKind.allCases.first { $0.fileName == name }
            // Settings and vocabularies have no size limit in the contract; they are read whole.
            switch (name, entry.type, vocabulary) {
            case (_, .symlink, _):
                report(.symlinkRefused, [name])
            case ("site.yml", .regular, _):
                try queueText([name], role: .site, limit: Int.max, expected: .siteSettings)
            case ("site.yml", let type, _):
                report(.wrongFileType(found: type, expected: .siteSettings), [name])
            case (_, .regular, let kind?):
                try queueText([name], role: .vocabulary(kind), limit: Int.max, expected: .vocabulary)
            case (_, let type, _?):
                report(.wrongFileType(found: type, expected: .vocabulary), [name])
            case ("lists", .directory, _):
                try readLists()
            case ("lists", let type, _):
                report(.wrongFileType(found: type, expected: .folder), [name])
            case (_, .directory, _):
                try reportMisplaced(under: [name], everything: false)
            case (_, .regular, _) where name.lowercased().hasSuffix(".md"):
                report(.misplacedFile, [name])
            case (_, .regular, _):
                break  // Other files beside the settings are not content (a README for officers, say).
            case (_, let type, _):
                report(.wrongFileType(found: type, expected: .contentFile), [name])
            }
        }
        if !seen.contains("site.yml") { report(.siteInvalid(detail: .missingFile), ["site.yml"]) }
        for vocabulary in VocabularyKind.allCases where !seen.contains(vocabulary.fileName) {
            report(.vocabularyInvalid(detail: .missingFile(vocabulary)), [vocabulary.fileName])
        }
    }

    /// The list folders are read on every core, each by a walk of its own, and gathered in the order of their
    /// names (the first folder that cannot be read, in that order, is the error).
    private mutating func readLists() throws {
        let names = try entries(["lists"])
        reportCaseCollisions(names, in: ["lists"])
        var folders: [String] = []
        for name in names {
            let parts = ["lists", name]
            switch try entry(parts).type {
            case .symlink: report(.symlinkRefused, parts)
            case .directory: folders.append(name)
            case .regular: report(.misplacedFile, parts)
            case let type: report(.wrongFileType(found: type, expected: .contentFile), parts)
            }
        }
        let (root, known) = (root, known)
        let walks = Parallel.map(folders) { id in
            Result { () throws -> Walk in
                var walk = Walk(root: root, known: known)
                try walk.readList(id: id)
                return walk
            }
        }
        for walk in walks { try gather(walk.get()) }
    }

    /// Appends what another walk found after what this one found.
    private mutating func gather(_ other: Walk) {
        for (index, hash) in other.knownHashes { knownHashes[pending.count + index] = hash }
        pending += other.pending
        stamps += other.stamps
        attachments += other.attachments
        listIDs += other.listIDs
        diagnostics += other.diagnostics
    }

    private mutating func readList(id: String) throws {
        listIDs.append(id)
        if !Loader.isSlug(id) { report(.slugInvalid(name: id), ["lists", id]) }
        var hasIndex = false
        let folder = try open(["lists", id])
        let names = try entries(in: folder, ["lists", id])
        reportCaseCollisions(names, in: ["lists", id])
        for name in names {
            let parts = ["lists", id, name]
            let entry = try entry(in: folder, parts)
            let ext = Loader.isMarkdownName(name) ? "md" : (name as NSString).pathExtension.lowercased()
            // Whatever is there, a `_index.md` is not missing: say what is wrong with it instead.
            if name == "_index.md" { hasIndex = true }
            switch entry.type {
            case .symlink:
                report(.symlinkRefused, parts)
            case .directory where ext == "md":
                report(.wrongFileType(found: .directory, expected: .contentFile), parts)
            case .directory:
                try reportMisplaced(under: parts, everything: true)
            case .regular where ext == "md":
                guard entry.size <= Loader.markdownLimit else {
                    report(.fileTooLarge(limitMiB: 1), parts)
                    continue
                }
                if name == "_index.md" {
                    try queueText(
                        in: folder, parts, entry: entry, role: .listIndex(listID: id), limit: Loader.markdownLimit,
                        expected: .contentFile)
                } else {
                    let slug = String(name.dropLast(3))
                    if !Loader.isSlug(slug) { report(.slugInvalid(name: slug), parts) }
                    try queueText(
                        in: folder, parts, entry: entry, role: .requirement(listID: id, slug: slug),
                        limit: Loader.markdownLimit, expected: .contentFile)
                }
            case .regular where Loader.attachmentExtensions.contains(ext):
                if name.unicodeScalars.contains(where: \.isForbiddenInText) {
                    report(.fileNameInvalid, parts)
                    continue
                }
                if entry.size > Loader.attachmentLimit {
                    report(.fileTooLarge(limitMiB: 20), parts)
                    continue
                }
                attachments.append(
                    AttachmentFile(
                        listID: id, name: name, path: relative(parts), size: entry.size,
                        modified: entry.modified))
            case .regular:
                report(.unsupportedFile(extension: ext.isEmpty ? name : "." + ext), parts)
            case let type:
                report(.wrongFileType(found: type, expected: .contentFile), parts)
            }
        }
        if !hasIndex { report(.listMissingIndex, ["lists", id]) }
    }

    /// Inside a list folder every file of a subfolder is misplaced (attachments sit beside the list); elsewhere
    /// only Markdown is content, so only Markdown is reported. Pipes and devices are reported everywhere.
    private mutating func reportMisplaced(under parts: [String], everything: Bool) throws {
        for name in try entries(parts) {
            let child = parts + [name]
            switch try entry(child).type {
            case .symlink: report(.symlinkRefused, child)
            case .directory: try reportMisplaced(under: child, everything: everything)
            case .regular: if everything || name.lowercased().hasSuffix(".md") { report(.misplacedFile, child) }
            case let type: report(.wrongFileType(found: type, expected: .contentFile), child)
            }
        }
    }

    /// Reads a text file that `entry` found regular; if it has changed into something else since, says so.
    private mutating func queueText(_ parts: [String], role: SourceRole, limit: Int, expected: ExpectedFile) throws {
        let outcome = RegularFile.read(under: root, parts, limit: limit)
        try queue(outcome, parts, role: role, expected: expected, limit: limit, stamp: nil)
    }

    /// `queueText` for a file of an open folder.
    /// A file whose stamp (`entry`'s, taken before reading) is a known file's is queued unread, with its known
    /// hash; any other is read, and its stamp kept for the next build.
    private mutating func queueText(
        in folder: borrowing OpenFolder, _ parts: [String], entry: Entry, role: SourceRole, limit: Int,
        expected: ExpectedFile
    ) throws {
        let path = relative(parts)
        if let file = known[path], file.stamp == entry.stamp {
            knownHashes[pending.count] = file.hash
            pending.append((path, role, []))
            stamps.append(entry.stamp)
            return
        }
        // `entry` has just found it regular.
        let outcome = folder.readRegular(parts[parts.count - 1], limit: limit)
        try queue(outcome, parts, role: role, expected: expected, limit: limit, stamp: entry.stamp)
    }

    private mutating func queue(
        _ outcome: RegularFile.Outcome, _ parts: [String], role: SourceRole, expected: ExpectedFile, limit: Int,
        stamp: FileStamp?
    ) throws {
        switch outcome {
        case .bytes(let bytes):
            pending.append((relative(parts), role, bytes))
            stamps.append(stamp)
        case .tooLarge: report(.fileTooLarge(limitMiB: limit >> 20), parts)
        case .notRegular(.symlink): report(.symlinkRefused, parts)
        case .notRegular(let type): report(.wrongFileType(found: type, expected: expected), parts)
        case .failed(let reason): throw BangdanError.unreadable(path: relative(parts), reason: reason)
        }
    }
}
