import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanWrite

/// The cache's state is split into lines and fields with `memchr` (`BuildCache.split`): the parts the standard
/// library's split gives, empty ones dropped or kept, up to a number of splits.
@Suite struct BuildCacheSplitTests {
    @Test func partsAreTheStandardSplits() {
        let alphabet: [UInt8] = [0x0A, 0x09, 0x20, 0x61, 0x62, 0xE6]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...14, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? 0
            }
            // A slice that does not start at 0, as a line of the state is.
            let padded = [0x0A, 0x61] + bytes
            let slice = padded[2...]
            for separator: UInt8 in [0x0A, 0x09, 0x20] {
                #expect(
                    BuildCache.split(slice, at: separator) == slice.split(separator: separator),
                    "\(bytes) at \(separator)")
                #expect(
                    BuildCache.split(slice, at: separator, keepingEmpty: true)
                        == slice.split(separator: separator, omittingEmptySubsequences: false))
                for maxSplits in 0...4 {
                    #expect(
                        BuildCache.split(slice, at: separator, maxSplits: maxSplits, keepingEmpty: true)
                            == slice.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false),
                        "\(bytes) at \(separator), \(maxSplits) splits")
                }
            }
        }
    }
}

/// The state's numbers are written as digits straight into its bytes: what string interpolation writes, and the
/// sixteen hexadecimal digits of a hash.
@Suite struct BuildCacheNumberTests {
    @Test func numbersAreWrittenAsInterpolationWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var samples: [Int64] = [0, 1, 9, 10, 99, 100, -1, -10, .max, .min, 1_000_000_000, 999_999_999]
        for _ in 0..<2_000 {
            samples.append(
                Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...63, using: &generator))
        }
        for value in samples {
            var bytes: [UInt8] = [0x61]
            BuildCache.append(decimal: value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "a \(value)")
            var unsigned: [UInt8] = []
            BuildCache.append(decimal: UInt64(bitPattern: value), to: &unsigned)
            #expect(String(decoding: unsigned, as: UTF8.self) == " \(UInt64(bitPattern: value))")
            // Sixteen lower-case digits, as `String(_:radix:)` writes them, padded with zeros.
            let digits = String(UInt64(bitPattern: value), radix: 16)
            #expect(
                Fingerprint.hex(UInt64(bitPattern: value)) == String(repeating: "0", count: 16 - digits.count) + digits)
        }
    }
}

/// A diagnostic is one line of the state, its fields between tabs: a backslash, a tab or a line break in a path, a
/// message or the line shown under it is escaped there and comes back as it was.
@Suite struct BuildCacheEscapeTests {
    @Test func fieldsWithTabsLineBreaksAndBackslashesComeBackAsTheyWere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangdan-escape-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/public"
        let path = "content/lists/x\\y/a\tb\\tc.md"
        var diagnostic = Diagnostic(
            .recorded(.possibleDuplicate, message: "a\tb\\c\nd\\n 榜单 \\\\t"), path: path,
            at: SourcePosition(line: 3, column: 7))
        diagnostic.severity = .notice
        var shown = ShownLines()
        shown[path, 3] = "title: \"a\\tb\"\t|\n|"
        BuildCache(output: output).save(
            input: 1, manifest: [:], diagnostics: [diagnostic], shownLines: shown, language: .zhCN)
        let read = BuildCache(output: output)
        #expect(read.diagnostics.count == 1)
        #expect(read.diagnostics.first?.path == path)
        #expect(read.diagnostics.first?.message(in: .zhCN) == "a\tb\\c\nd\\n 榜单 \\\\t")
        #expect(read.diagnostics.first?.line == 3 && read.diagnostics.first?.column == 7)
        #expect(read.diagnostics.first?.severity == .notice)
        #expect(read.shownLines == shown)
    }
}

/// The manifest is recorded in the order its files were staged when the build gives it (`Writer.Written.paths`),
/// else sorted: read back, the same manifest either way, and the same bytes for the same order.
@Suite struct BuildCacheManifestOrderTests {
    @Test func aManifestInStagedOrderReadsBackAsSorted() throws {
        let folder = try StreamedWriteTests.Folder()
        let paths = ["z/index.html", "a/index.html", "m.json", "需求/index.html"]
        var manifest: Writer.Manifest = [:]
        for (n, path) in paths.enumerated() {
            manifest[path] = Writer.Entry(
                hash: UInt64(n + 1),
                identity: FileIdentity(size: n, inode: UInt64(10 + n), modifiedSeconds: 5, modifiedNanoseconds: 7),
                key: UInt64(100 + n))
        }
        func saved(order: [String]?) throws -> (BuildCache, [UInt8]) {
            BuildCache(output: folder.output).save(
                input: 1, manifest: manifest, order: order, diagnostics: [], language: .en)
            let bytes = try [UInt8](
                Data(contentsOf: URL(fileURLWithPath: BuildCache.folder(for: folder.output) + "/state")))
            return (BuildCache(output: folder.output), bytes)
        }
        let (sorted, sortedBytes) = try saved(order: nil)
        let (staged, stagedBytes) = try saved(order: paths)
        #expect(sorted.manifest == manifest && staged.manifest == manifest)
        let again = try saved(order: paths).1
        #expect(stagedBytes != sortedBytes && again == stagedBytes)
    }
}

/// A manifest or content line of the state is read field by field in place (`BuildCache.Fields`): what splitting it
/// at its first spaces gives, each field read by `number`, the rest of the line last and never empty.
@Suite struct BuildCacheFieldsTests {
    typealias Read = (numbers: [UInt64], rest: [UInt8])

    static func bySplitting(_ line: [UInt8], numbers count: Int) -> Read? {
        let parts = line.split(separator: 0x20, maxSplits: count, omittingEmptySubsequences: false)
        guard parts.count == count + 1, !parts[count].isEmpty else { return nil }
        var numbers: [UInt64] = []
        for part in parts[..<count] {
            guard let number = BuildCache.number(part) else { return nil }
            numbers.append(number)
        }
        return (numbers, Array(parts[count]))
    }

    static func byFields(_ line: [UInt8], numbers count: Int) -> Read? {
        line.withUnsafeBufferPointer { bytes in
            var fields = BuildCache.Fields(bytes)
            var numbers: [UInt64] = []
            for _ in 0..<count {
                guard let number = fields.number() else { return nil }
                numbers.append(number)
            }
            guard let rest = fields.rest else { return nil }
            return (numbers, Array(rest))
        }
    }

    @Test func fieldsAreWhatSplittingGives() {
        let alphabet: [UInt8] = [0x30, 0x31, 0x39, 0x61, 0x67, 0x20, 0x20, 0xE6]
        var generator = SystemRandomNumberGenerator()
        var read = 0
        for _ in 0..<20_000 {
            let line = (0..<Int.random(in: 0...16, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? 0
            }
            for count in 1...3 {
                let expected = Self.bySplitting(line, numbers: count), found = Self.byFields(line, numbers: count)
                #expect(expected?.numbers == found?.numbers && expected?.rest == found?.rest, "\(line), \(count)")
                if found != nil { read += 1 }
            }
        }
        #expect(read > 0)
        #expect(Self.byFields(Array("12 345 a b".utf8), numbers: 2)?.rest == Array("a b".utf8))
        #expect(Self.byFields(Array("99999999999999999999999 1 p".utf8), numbers: 2) == nil, "overflow")
    }
}
