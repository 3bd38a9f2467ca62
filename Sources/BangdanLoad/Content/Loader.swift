import BangdanCore
import Foundation

/// The `load` stage: reads the `content/` tree exactly as SCHEMA.md §1 lays it out. With `write`, the only
/// stage that touches the file system. Symbolic links are refused without being followed.
public enum Loader {
    public static let markdownLimit = 1 << 20
    public static let attachmentLimit = 20 << 20
    public static let attachmentExtensions: Set<String> = ["pdf", "doc", "docx", "xls", "xlsx", "png", "jpg", "jpeg", "webp"]
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
    /// so an unchanged rebuild can stop here.
    public static func read(site: String) throws -> ContentFiles {
        let root = (site as NSString).appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BangdanError.noContent(path: root)
        }
        var walk = Walk(root: root)
        try walk.readRoot()
        let hashes = Parallel.map(walk.pending) { Fingerprint.of($0.bytes) }
        var fingerprint = Fingerprint()
        for (pending, hash) in zip(walk.pending, hashes) {
            fingerprint.add(pending.path)
            fingerprint.add(hash)
        }
        for attachment in walk.attachments {
            fingerprint.add(attachment.path)
            fingerprint.add(UInt64(attachment.size))
            fingerprint.add(attachment.modified.bitPattern)
        }
        for diagnostic in walk.diagnostics { fingerprint.add(diagnostic.path) }
        return ContentFiles(texts: walk.pending, attachments: walk.attachments, listIDs: walk.listIDs,
                            diagnostics: walk.diagnostics, fingerprint: fingerprint.value)
    }

    /// Parses what `read` found, file by file on all cores.
    public static func parse(_ read: ContentFiles) -> LoadedContent {
        let files = Parallel.map(read.texts) { parse(bytes: $0.bytes, path: $0.path, role: $0.role) }
        return LoadedContent(
            files: files.map(\.file),
            attachments: read.attachments,
            listIDs: read.listIDs,
            diagnostics: read.diagnostics + files.flatMap(\.diagnostics),
            fingerprint: read.fingerprint
        )
    }

    /// Turns one file's bytes into a `SourceFile`: pure, so files can be parsed in any order or in parallel.
    public static func parse(bytes: [UInt8], path: String, role: SourceRole) -> (file: SourceFile, diagnostics: [Diagnostic]) {
        var file = SourceFile(path: path, role: role, yaml: nil, body: "", bodyLine: 1)
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
                file.body = split.body
                file.bodyLine = split.bodyLine
            }
        }
        let result = YAMLReader.read(yamlText, path: path, firstLine: yamlLine)
        if !result.failed {
            let empty = YAMLNode(.mapping([]), at: SourcePosition(line: yamlLine, column: 1))
            file.yaml = YAMLDocument(root: result.root ?? empty)
        }
        return (file, result.diagnostics)
    }
}

/// The parsed YAML of one file.
public struct YAMLDocument: Hashable, Sendable {
    public var root: YAMLNode
}

/// The walk over `content/`: collects files to parse, attachments and layout problems.
private struct Walk {
    let root: String
    var pending: [(path: String, role: SourceRole, bytes: [UInt8])] = []
    var attachments: [AttachmentFile] = []
    var listIDs: [String] = []
    var diagnostics: [Diagnostic] = []

    init(root: String) { self.root = root }

    private func relative(_ parts: [String]) -> String { (["content"] + parts).joined(separator: "/") }

    private func absolute(_ parts: [String]) -> String { ([root] + parts).joined(separator: "/") }

    private func entries(_ parts: [String]) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: absolute(parts))
                .filter { !$0.hasPrefix(".") }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw BangdanError.unreadable(path: relative(parts), reason: error.localizedDescription)
        }
    }

    private enum Kind { case file(size: Int, modified: Double), directory, symlink, other }

    /// `lstat`, so a symbolic link is seen as a link and never followed.
    private func kind(_ parts: [String]) throws -> Kind {
        var info = stat()
        guard lstat(absolute(parts), &info) == 0 else {
            throw BangdanError.unreadable(path: relative(parts), reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .symlink
        case S_IFDIR: return .directory
        case S_IFREG:
            return .file(size: Int(info.st_size),
                         modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        default: return .other
        }
    }

    private func read(_ parts: [String]) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: absolute(parts)) else {
            throw BangdanError.unreadable(path: relative(parts), reason: "permission denied")
        }
        return [UInt8](data)
    }

    private mutating func report(_ problem: Problem, _ parts: [String]) {
        diagnostics.append(Diagnostic(problem, path: relative(parts)))
    }

    mutating func readRoot() throws {
        let names = try entries([])
        var seen: Set<String> = []
        for name in names {
            let kind = try kind([name])
            if case .symlink = kind { report(.symlinkRefused, [name]); seen.insert(name); continue }
            switch (name, kind) {
            case ("site.yml", .file):
                try queueText([name], role: .site)
            case (_, .file) where VocabularyKind.allCases.contains { $0.fileName == name }:
                try queueText([name], role: .vocabulary(VocabularyKind.allCases.first { $0.fileName == name }!))
            case ("lists", .directory):
                try readLists()
            case (_, .directory):
                try reportMisplaced(under: [name], everything: false)
            case (_, .file) where name.lowercased().hasSuffix(".md"):
                report(.misplacedFile, [name])
            default:
                break  // Other files beside the settings are not content (a README for officers, say).
            }
            seen.insert(name)
        }
        if !seen.contains("site.yml") { report(.siteInvalid(detail: .missingFile), ["site.yml"]) }
        for vocabulary in VocabularyKind.allCases where !seen.contains(vocabulary.fileName) {
            report(.vocabularyInvalid(detail: .missingFile(vocabulary)), [vocabulary.fileName])
        }
    }

    private mutating func readLists() throws {
        for name in try entries(["lists"]) {
            let parts = ["lists", name]
            switch try kind(parts) {
            case .symlink: report(.symlinkRefused, parts)
            case .directory: try readList(id: name)
            default: report(.misplacedFile, parts)
            }
        }
    }

    private mutating func readList(id: String) throws {
        listIDs.append(id)
        if !Loader.isSlug(id) { report(.slugInvalid(name: id), ["lists", id]) }
        var hasIndex = false
        for name in try entries(["lists", id]) {
            let parts = ["lists", id, name]
            let kind = try kind(parts)
            let ext = (name as NSString).pathExtension.lowercased()
            switch kind {
            case .symlink:
                report(.symlinkRefused, parts)
            case .directory:
                try reportMisplaced(under: parts, everything: true)
            case .file(let size, _) where ext == "md":
                if name == "_index.md" { hasIndex = true }
                guard size <= Loader.markdownLimit else { report(.fileTooLarge(limitMiB: 1), parts); continue }
                if name == "_index.md" {
                    try queueText(parts, role: .listIndex(listID: id))
                } else {
                    let slug = String(name.dropLast(3))
                    if !Loader.isSlug(slug) { report(.slugInvalid(name: slug), parts) }
                    try queueText(parts, role: .requirement(listID: id, slug: slug))
                }
            case .file(let size, let modified) where Loader.attachmentExtensions.contains(ext):
                if size > Loader.attachmentLimit { report(.fileTooLarge(limitMiB: 20), parts); continue }
                attachments.append(AttachmentFile(listID: id, name: name, path: relative(parts), size: size, modified: modified))
            default:
                report(.unsupportedFile(extension: ext.isEmpty ? name : "." + ext), parts)
            }
        }
        if !hasIndex { report(.listMissingIndex, ["lists", id]) }
    }

    /// Inside a list folder every file of a subfolder is misplaced (attachments sit beside the list); elsewhere
    /// only Markdown is content, so only Markdown is reported.
    private mutating func reportMisplaced(under parts: [String], everything: Bool) throws {
        for name in try entries(parts) {
            let child = parts + [name]
            switch try kind(child) {
            case .symlink: report(.symlinkRefused, child)
            case .directory: try reportMisplaced(under: child, everything: everything)
            default: if everything || name.lowercased().hasSuffix(".md") { report(.misplacedFile, child) }
            }
        }
    }

    private mutating func queueText(_ parts: [String], role: SourceRole) throws {
        pending.append((relative(parts), role, try read(parts)))
    }
}
