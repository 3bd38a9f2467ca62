import BangdanCore
import CBangdanSystem
import Foundation

/// The cache folder beside the output (`.public.bangdan-cache/`): the fingerprint of everything the last build
/// read, and the manifest of what it wrote. With it, a rebuild of unchanged input writes nothing, and a rebuild
/// of changed input links every unchanged output file instead of writing it again. Losing the folder only costs
/// time: without it, everything is rendered and written. The manifest records each output file's size, inode
/// and modification time as written, so a file changed, replaced, deleted or added by hand is noticed by `lstat`
/// alone and never survives a build. A file whose recorded time is not older than the state file's is checked by
/// its bytes instead, since an edit in the same clock tick leaves the time unchanged.
public struct BuildCache: Sendable {
    public let folder: String
    public var input: UInt64?
    /// The fingerprint of what every file of the last build could show (`RenderInputs.global`): when it differs,
    /// no dependency key can match, and the rebuild is a full one.
    public var global: UInt64?
    public var manifest: Writer.Manifest
    /// The last build's diagnostics and language, replayed when nothing changed.
    public var diagnostics: [Diagnostic] = []
    public var language: Language = .zhCN
    /// The lines those diagnostics point into, replayed with them.
    public var shownLines = ShownLines()
    /// The content files the last build read, by path, whose stamps can vouch for their bytes: taken at least a
    /// second before that build began reading (`trustMargin`), so no write in the tick of the reading, on a file
    /// system of any time resolution, can hide behind an unchanged stamp.
    public var known: [String: KnownFile] = [:]
    /// When the last build began reading the content (wall clock).
    var readStarted: (seconds: Int64, nanoseconds: Int64)?
    static let trustMargin: Int64 = 1

    static let header = "bangdan-cache 6"

    /// The cache folder of `output` (a resolved path): `.NAME.bangdan-cache` beside it.
    static func folder(for output: String) -> String {
        (output as NSString).deletingLastPathComponent + "/." + (output as NSString).lastPathComponent
            + ".bangdan-cache"
    }

    /// The cache of `output` (a resolved path). A cache folder that is a symbolic link is never read.
    public init(output: String) {
        folder = Self.folder(for: output)
        input = nil
        manifest = [:]
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            let saved = FileIdentity.ofRegularFile(folder + "/state"), let bytes = Self.record("state", in: folder)
        else { return }
        // Read as bytes (some 110,000 lines for a 100,000-requirement site): only paths and messages become
        // strings. Anything unreadable makes the whole record worthless: rebuild rather than trust part of it.
        guard read(bytes, saved: saved) else {
            input = nil
            global = nil
            manifest = [:]
            diagnostics = []
            shownLines = ShownLines()
            known = [:]
            return
        }
        if let started = readStarted {
            let moment = (started.seconds - Self.trustMargin, started.nanoseconds)
            known = known.filter { !$0.value.stamp.isRacy(at: moment) }
        } else {
            known = [:]
        }
    }

    private mutating func read(_ bytes: [UInt8], saved: FileIdentity) -> Bool {
        var lines = Self.split(bytes[...], at: 0x0A)[...]
        guard lines.first.map({ $0.elementsEqual(Self.header.utf8) }) == true, lines.count >= 2 else { return false }
        lines = lines.dropFirst()
        guard let first = lines.first, first.starts(with: "input ".utf8),
            let value = Self.number(first.dropFirst(6), radix: 16)
        else { return false }
        input = value
        // Lines are parsed on every core, then gathered in order.
        let parsed = Parallel.map(Array(lines.dropFirst())) { Self.parse($0, saved: saved) }
        guard !parsed.contains(where: { if case .unreadable = $0 { true } else { false } }) else { return false }
        // The manifest's table on one core, the other records' on the other (14,000 and 20,000 entries at 10,000
        // requirements).
        @Sendable func entries() -> Writer.Manifest {
            var manifest = Writer.Manifest(minimumCapacity: parsed.count)
            for case .entry(let path, let entry) in parsed { manifest[path] = entry }
            return manifest
        }
        @Sendable func rest() -> BuildCache {
            var rest = BuildCache(empty: ())
            // Room for every file read at once: not grown and rehashed 14 times for 10,000 of them.
            rest.known.reserveCapacity(parsed.count { if case .content = $0 { true } else { false } })
            for line in parsed {
                switch line {
                case .global(let value): rest.global = value
                case .language(let value): rest.language = value
                case .read(let seconds, let nanoseconds): rest.readStarted = (seconds, nanoseconds)
                case .diagnostic(let diagnostic, let shown):
                    rest.diagnostics.append(diagnostic)
                    if let shown { rest.shownLines[diagnostic.path, diagnostic.line] = shown }
                case .content(let path, let file): rest.known[path] = file
                case .entry, .unreadable: break
                }
            }
            return rest
        }
        let (table, rest) = Parallel.both(entries, rest)
        (global, language, readStarted) = (rest.global, rest.language, rest.readStarted)
        (diagnostics, shownLines, known) = (rest.diagnostics, rest.shownLines, rest.known)
        manifest = table
        return true
    }

    /// A record of nothing, filled as the state is read.
    private init(empty: Void) {
        folder = ""
        input = nil
        manifest = [:]
    }

    /// One line of the state after `input`.
    private enum Line: Sendable {
        case global(UInt64)
        case language(Language)
        case read(Int64, Int64)
        case diagnostic(Diagnostic, shown: String?)
        case content(String, KnownFile)
        case entry(String, Writer.Entry)
        case unreadable
    }

    private static func parse(_ line: ArraySlice<UInt8>, saved: FileIdentity) -> Line {
        // Each kind of line is told by its first byte before its whole word is compared: most lines are the
        // manifest's, which would otherwise be compared with all five words.
        let first = line.first
        if first == 0x67, line.starts(with: "global ".utf8) {
            return number(line.dropFirst(7), radix: 16).map(Line.global) ?? .unreadable
        } else if first == 0x6C, line.starts(with: "language ".utf8) {
            return .language(Language(rawValue: String(decoding: line.dropFirst(9), as: UTF8.self)) ?? .zhCN)
        } else if first == 0x64, line.starts(with: "diagnostic\t".utf8) {
            return diagnostic(line)
        } else if first == 0x63, line.starts(with: "content ".utf8) {
            return content(line.dropFirst(8))
        } else if first == 0x72, line.starts(with: "read ".utf8) {
            let parts = line.dropFirst(5).split(separator: 0x20)
            guard parts.count == 2, let seconds = number(parts[0]), let nanoseconds = number(parts[1]),
                seconds <= UInt64(Int64.max), nanoseconds < 1_000_000_000
            else { return .unreadable }
            return .read(Int64(seconds), Int64(nanoseconds))
        } else {
            return entry(line, saved: saved)
        }
    }

    /// `diagnostic path line column rule message severity shown`, tab-separated; `shown` is empty when no line
    /// is shown under it, else `|` and the line.
    private static func diagnostic(_ line: ArraySlice<UInt8>) -> Line {
        // Only the fields that are text become strings; the line and column are read as digits.
        let fields = split(line, at: 0x09, keepingEmpty: true)
        guard fields.count == 8, let rule = Rule(rawValue: unescape(fields[4])),
            let l = number(fields[2]).flatMap(Int.init(exactly:)),
            let c = number(fields[3]).flatMap(Int.init(exactly:)),
            let severity = Severity(rawValue: unescape(fields[6]))
        else { return .unreadable }
        // The severity is kept, not derived from the rule: `text-invalid` is a warning in a body.
        var recorded = Diagnostic(
            .recorded(rule, message: unescape(fields[5])), path: unescape(fields[1]),
            at: SourcePosition(line: l, column: c))
        recorded.severity = severity
        // `|` and the line, escaped after the bar (`save`).
        return .diagnostic(recorded, shown: fields[7].first == 0x7C ? unescape(fields[7].dropFirst()) : nil)
    }

    /// `content hash size inode mtime-seconds mtime-nanoseconds ctime-seconds ctime-nanoseconds path`.
    private static func content(_ line: ArraySlice<UInt8>) -> Line {
        line.withUnsafeBufferPointer { line in
            var fields = Fields(line)
            guard let hash = fields.number(radix: 16), let size = fields.number(), let inode = fields.number() else {
                return .unreadable
            }
            func time() -> Int64? { fields.number().flatMap { Int64(exactly: $0) } }
            guard let modified = time(), let modifiedNanoseconds = time(), let changed = time(),
                let changedNanoseconds = time(), size <= UInt64(Int.max), modifiedNanoseconds < 1_000_000_000,
                changedNanoseconds < 1_000_000_000, let path = fields.rest
            else { return .unreadable }
            let stamp = FileStamp(
                size: Int(size), inode: inode, modified: modified, modifiedNanoseconds: modifiedNanoseconds,
                changed: changed, changedNanoseconds: changedNanoseconds)
            return .content(String(decoding: path, as: UTF8.self), KnownFile(stamp: stamp, hash: hash))
        }
    }

    /// The space-separated fields of a line of the state, read in place, then the rest of the line: what
    /// `split(line, at: 0x20, maxSplits: n, keepingEmpty: true)` gives and `number` reads, with no array of parts
    /// (each part a slice retaining the state's bytes) for every one of 20,000 lines.
    struct Fields {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// The next field as `number` reads it, and the space after it; nil when it is empty, is not a number, or
        /// is the line's last field (the rest must follow).
        mutating func number(radix: UInt64 = 10) -> UInt64? {
            let start = at
            while at < bytes.count, bytes[at] != 0x20 { at += 1 }
            guard at < bytes.count else { return nil }
            defer { at += 1 }
            return BuildCache.number(bytes[start..<at], radix: radix)
        }

        /// The rest of the line after the fields read; nil when it is empty.
        var rest: UnsafeBufferPointer<UInt8>? {
            at < bytes.count ? UnsafeBufferPointer(rebasing: bytes[at...]) : nil
        }
    }

    /// `hash size inode mtime-seconds mtime-nanoseconds dependency-key path`.
    private static func entry(_ line: ArraySlice<UInt8>, saved: FileIdentity) -> Line {
        line.withUnsafeBufferPointer { entry(Fields($0), saved: saved) }
    }

    private static func entry(_ line: Fields, saved: FileIdentity) -> Line {
        var fields = line
        guard let hash = fields.number(radix: 16), let size = fields.number(), let inode = fields.number(),
            let seconds = fields.number(), let nanoseconds = fields.number(), let key = fields.number(radix: 16),
            size <= UInt64(Int.max), seconds <= UInt64(Int64.max), nanoseconds < 1_000_000_000,
            let path = fields.rest
        else { return .unreadable }
        let identity = FileIdentity(
            size: Int(size), inode: inode, modifiedSeconds: Int64(seconds), modifiedNanoseconds: Int64(nanoseconds))
        // Written in the tick the state was saved in (or later): its time cannot tell a later edit apart.
        let racy =
            (identity.modifiedSeconds, identity.modifiedNanoseconds)
            >= (saved.modifiedSeconds, saved.modifiedNanoseconds)
        return .entry(
            String(decoding: path, as: UTF8.self), Writer.Entry(hash: hash, identity: identity, racy: racy, key: key))
    }

    /// The parts of `bytes` between `separator`s, as `split(separator:maxSplits:omittingEmptySubsequences:)` gives
    /// them (empty ones kept only when `keepingEmpty`; `maxSplits` only with them), found with `memchr`: the
    /// generic split took 28 instructions a byte, a tenth of reading the state of 10,000 requirements.
    static func split(
        _ bytes: ArraySlice<UInt8>, at separator: UInt8, maxSplits: Int = .max, keepingEmpty: Bool = false
    ) -> [ArraySlice<UInt8>] {
        precondition(keepingEmpty || maxSplits == .max, "maxSplits is only supported with empty parts kept")
        // Each part taken as its separator is found: no array of offsets first. Room for a line's fields.
        var parts: [ArraySlice<UInt8>] = []
        parts.reserveCapacity(maxSplits == .max ? 8 : maxSplits + 1)
        var start = bytes.startIndex
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var at = 0, splits = 0
            while splits < maxSplits, at < buffer.count,
                let found = memchr(base + at, Int32(separator), buffer.count - at)
            {
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let end = bytes.startIndex + offset
                if keepingEmpty || end > start { parts.append(bytes[start..<end]) }
                start = end + 1
                at = offset + 1
                splits += 1
            }
        }
        if keepingEmpty || start < bytes.endIndex { parts.append(bytes[start..<bytes.endIndex]) }
        return parts
    }

    /// An unsigned number in decimal or hexadecimal (lower case, as `save` writes it); nil for anything else,
    /// an empty field or one that overflows 64 bits.
    static func number(_ digits: some Collection<UInt8>, radix: UInt64 = 10) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case 0x30...0x39: digit = UInt64(byte - 0x30)
            case 0x61...0x66 where radix == 16: digit = UInt64(byte - 0x61 + 10)
            default: return nil
            }
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflowSum) = times.addingReportingOverflow(digit)
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
        }
        return value
    }

    /// True when the output holds exactly what the manifest says was written: every file there, untouched
    /// (same size, inode and modification time), nothing else (no stray file or folder, no symbolic link anywhere).
    public func outputMatches(_ output: String) -> Bool {
        guard !manifest.isEmpty else { return false }
        var needed: Set<String> = []
        for path in manifest.keys {
            var folder = Substring(path)
            while let slash = folder.utf8.lastIndex(of: 0x2F) {
                folder = folder[..<slash]
                guard needed.insert(String(folder)).inserted else { break }
            }
        }
        let folders = needed
        var info = stat()
        guard lstat(output, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, let root = OpenFolder(output) else {
            return false
        }
        // The first two levels here; the folders below them (a list's, a term's pages) on every core.
        var deeper: [String] = []
        guard var matched = walk(root, "", folders: folders, output: output, deferBelow: 2, deeper: &deeper) else {
            return false
        }
        let counts = Parallel.map(deeper) { key -> Int? in
            var refusal = RegularFile.Outcome.failed("")
            guard var folder = OpenFolder(output) else { return nil }
            for name in key.split(separator: "/").map(String.init) {
                guard let next = OpenFolder.open(name, in: folder, refusal: &refusal) else { return nil }
                folder = next
            }
            var none: [String] = []
            return walk(folder, key, folders: folders, output: output, deferBelow: nil, deeper: &none)
        }
        for count in counts {
            guard let count else { return false }
            matched += count
        }
        return matched == manifest.count
    }

    /// Checks the files of `folder` (at `relative` in the output) and of the folders below it against the
    /// manifest: the number of files that match, or nil at the first that does not (or anything that is neither
    /// a file nor a folder the manifest needs). Each folder is opened relative to its parent (never through a link)
    /// and its entries looked up relative to it. Folders `deferBelow` levels down are put in `deeper`, not walked.
    private func walk(
        _ folder: borrowing OpenFolder, _ relative: String, folders: Set<String>, output: String, deferBelow: Int?,
        deeper: inout [String]
    ) -> Int? {
        guard let names = folder.names() else { return nil }
        var refusal = RegularFile.Outcome.failed("")
        var matched = 0
        for name in names {
            let key = relative.isEmpty ? name : relative + "/" + name
            guard let info = folder.info(name) else { return nil }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard folders.contains(key) else { return nil }
                if deferBelow == 1 {
                    deeper.append(key)
                    continue
                }
                guard let child = OpenFolder.open(name, in: folder, refusal: &refusal),
                    let count = walk(
                        child, key, folders: folders, output: output, deferBelow: deferBelow.map { $0 - 1 },
                        deeper: &deeper)
                else { return nil }
                matched += count
            case S_IFREG:
                // The identity from this lstat; a racy entry's bytes besides (`matches`).
                guard let entry = manifest[key], entry.identity == FileIdentity(info),
                    !entry.racy || entry.matches(output + "/" + key)
                else { return nil }
                matched += 1
            default:
                return nil
            }
        }
        return matched
    }

    public func save(
        input: UInt64, global: UInt64? = nil, manifest: Writer.Manifest, order: [String]? = nil,
        diagnostics: [Diagnostic],
        shownLines: ShownLines = ShownLines(), language: Language, content: [(path: String, file: KnownFile)] = [],
        readStarted: (seconds: Int64, nanoseconds: Int64)? = nil
    ) {
        var text = Self.header + "\ninput " + Fingerprint.hex(input) + "\nlanguage " + language.rawValue + "\n"
        if let readStarted { text += "read \(readStarted.seconds) \(readStarted.nanoseconds)\n" }
        if let global { text += "global " + Fingerprint.hex(global) + "\n" }
        var pieces = [Array(text.utf8)]
        // One line a diagnostic, a file read and a file written (110,000 lines for a 100,000-requirement site), made
        // on every core, and written a chunk after the other: the 40 MB of state are never copied into one buffer.
        pieces += Parallel.chunks(diagnostics) { d, bytes in
            bytes.append(contentsOf: "diagnostic\t".utf8)
            Self.appendEscaped(d.path, to: &bytes)
            bytes.append(0x09)
            bytes.append(decimal: d.line)
            bytes.append(0x09)
            bytes.append(decimal: d.column)
            bytes.append(0x09)
            Self.appendEscaped(d.rule.rawValue, to: &bytes)
            bytes.append(0x09)
            Self.appendEscaped(d.message(in: language), to: &bytes)
            bytes.append(0x09)
            Self.appendEscaped(d.severity.rawValue, to: &bytes)
            bytes.append(0x09)
            if let shown = shownLines[d.path, d.line] {
                bytes.append(0x7C)
                Self.appendEscaped(shown, to: &bytes)
            }
            bytes.append(0x0A)
        }
        // A stamp that cannot be written back as read (a time before 1970, a line break in a name) is left out:
        // that file is read again next time.
        let stamped = content.filter { path, file in
            file.stamp.modified >= 0 && file.stamp.changed >= 0
                && !path.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D })
        }
        // Numbers written as digits straight into the bytes: through string interpolation they were a tenth of an
        // edit rebuild's instructions at 10,000 requirements.
        pieces += Parallel.chunks(stamped) { item, bytes in
            let (path, file) = item
            let stamp = file.stamp
            bytes.append(contentsOf: "content ".utf8)
            Fingerprint.appendHex(file.hash, to: &bytes)
            Self.append(decimal: stamp.size, to: &bytes)
            Self.append(decimal: stamp.inode, to: &bytes)
            Self.append(decimal: stamp.modified, to: &bytes)
            Self.append(decimal: stamp.modifiedNanoseconds, to: &bytes)
            Self.append(decimal: stamp.changed, to: &bytes)
            Self.append(decimal: stamp.changedNanoseconds, to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: path.utf8)
            bytes.append(0x0A)
        }
        // In the order given (`Writer.Written.paths`), else sorted: the same lines for the same output either way.
        // Sorting the entries of 14,000 files took 57 M instructions on one core; an order given costs nothing.
        pieces += Parallel.chunks(order ?? manifest.keys.sorted()) { path, bytes in
            guard let entry = manifest[path] else { return }
            let id = entry.identity
            Fingerprint.appendHex(entry.hash, to: &bytes)
            Self.append(decimal: id.size, to: &bytes)
            Self.append(decimal: id.inode, to: &bytes)
            Self.append(decimal: id.modifiedSeconds, to: &bytes)
            Self.append(decimal: id.modifiedNanoseconds, to: &bytes)
            bytes.append(0x20)
            Fingerprint.appendHex(entry.key, to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: path.utf8)
            bytes.append(0x0A)
        }
        keep(pieces, as: "state")
    }

    /// A space, then `value` in decimal as `"\(value)"` writes it.
    static func append(decimal value: some BinaryInteger, to bytes: inout [UInt8]) {
        bytes.append(0x20)
        bytes.append(decimal: value)
    }

    /// A diagnostic's field on one line, its bytes appended with `\\`, tab and line feed escaped (`\\\\`, `\\t`,
    /// `\\n`; most fields hold none of them).
    static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            // Most texts have nothing to escape: appended whole.
            guard utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x09: bytes += [0x5C, 0x74]
                case 0x0A: bytes += [0x5C, 0x6E]
                default: bytes.append(byte)
                }
            }
        }
    }

    /// A field's text, `appendEscaped` undone. Most fields have no backslash, found by `memchr` in the bytes.
    private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let escaped = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, 0x5C, buffer.count) != nil } ?? false
        }
        guard escaped else { return text }
        var out = "", escaping = false
        for c in text {
            if escaping {
                out.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// The bytes of another record kept in the cache folder (`decoded`); nil when there is none, or it is not a
    /// regular file in a folder that is not a link.
    public func contents(of name: String) -> [UInt8]? {
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            FileIdentity.ofRegularFile(folder + "/" + name) != nil
        else { return nil }
        return Self.record(name, in: folder)
    }

    /// The bytes of the record `name` in `folder`, read into one array of its size (through `Data` they were
    /// copied again: at 10,000 requirements the 8 MB decoded record took 22 ms to read, half of it the copy and
    /// the fresh pages it filled); nil when it is not a regular file or cannot be read.
    private static func record(_ name: String, in folder: String) -> [UInt8]? {
        guard case .bytes(let bytes) = RegularFile.read(under: folder, [name], limit: Int.max) else { return nil }
        return bytes
    }

    /// Keeps `bytes` as the record `name` in the cache folder, replacing it at once (never half written).
    public func keep(_ bytes: [UInt8], as name: String) { keep([bytes], as: name) }

    /// Keeps the pieces, one after the other, as the record `name`: written to a new file beside it, then
    /// renamed over it, so a reader finds the old record or the whole new one. Nothing is kept if any write fails.
    public func keep(_ pieces: [[UInt8]], as name: String) {
        var info = stat()
        // Never write through a link.
        if lstat(folder, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR { unlink(folder) }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        let path = folder + "/" + name, temporary = folder + "/." + name + ".\(getpid())"
        // A file left there by a build of the same process number that was stopped half-way goes first.
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var written = true
        for piece in pieces where written {
            written = piece.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    // Safe: the buffer holds at least one byte here, so it has a base address.
                    let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
        }
        if close(fd) != 0 { written = false }
        if !written || rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// Forgets the last build (before a build that fails half-way, so a stale state is never trusted).
    public func clear() {
        try? FileManager.default.removeItem(atPath: folder + "/state")
    }
}

/// The process's memory.
public enum Memory {
    /// Hands the pages of memory freed so far back to the system, where the allocator keeps them otherwise.
    public static func releaseFree() { bangdan_release_free_memory() }
}
