import Foundation
import Testing

@testable import BangdanCore

/// Environment errors and the command's own lines carry paths and values from the command line, the environment
/// and the disk: their control characters are escaped as diagnostics' are, so none reaches a terminal raw.
@Suite struct EnvironmentErrorTextTests {
    static let hostile = "a\u{1B}[31mred\r\nforged\u{07}\u{2028}b"

    /// True when `text` holds no control character, line separator or bidirectional override outside `\n`.
    static func isPrintable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 != "\n" && $0.needsEscapeInDiagnostics }
    }

    @Test func escapesEveryEnvironmentError() {
        let h = Self.hostile
        let errors: [BangdanError] = [
            .noContent(path: h), .unreadable(path: h, reason: h), .template(name: h, problem: h),
            .writeFailed(path: h, reason: h),
            .invalidSetting(name: "SOURCE_DATE_EPOCH", value: h, expected: Phrase(h, h)),
            .outputRefused(path: h, resolved: h + "/x", problem: .notBangdanOutput, language: .zhCN),
            .outputRefused(path: h, resolved: h, problem: .symlink, language: .en),
        ]
        for error in errors {
            for text in [error.description, error.message(in: .zhCN)] {
                #expect(!text.contains("\n") && Self.isPrintable(text), "\(text.debugDescription)")
                #expect(text.contains("a\\u{1B}[31mred\\r\\nforged\\u{7}\\u{2028}b"), "\(text.debugDescription)")
            }
        }
    }

    @Test func cutsALongSettingValueAndEscapesIt() {
        let error = BangdanError.invalidSetting(
            name: "SOURCE_DATE_EPOCH", value: String(repeating: "9", count: 39) + "\u{1B}tail",
            expected: Phrase("秒数", "seconds"))
        #expect(
            error.description
                == "SOURCE_DATE_EPOCH '\(String(repeating: "9", count: 39))\\u{1B}…' cannot be used: give seconds")
    }

    @Test func theCommandPrintsNoRawControlCharacter() throws {
        let cli = CommandLineTests()
        let missing = try cli.run(["check", "--site", "/nonexistent-" + Self.hostile])
        #expect(missing.status == 2)
        #expect(Self.isPrintable(missing.stderr), "\(missing.stderr.debugDescription)")
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr.debugDescription)")

        // A usage error quotes the argument it refuses.
        let usage = try cli.run(["new", "bad" + Self.hostile, "x"])
        #expect(usage.status == 2)
        #expect(Self.isPrintable(usage.stderr), "\(usage.stderr.debugDescription)")
        #expect(usage.stderr.contains("\\u{1B}"))

        // A build names its output folder when it refuses it and when it has written it.
        let site = try FixtureSite()
        let refused = site.root + "/out-" + Self.hostile
        try site.write("out-\(Self.hostile)/mine.txt", "not Bangdan's")
        let refusal = try cli.run(["build", "--site", site.root, "--output", refused])
        #expect(refusal.status == 2)
        #expect(Self.isPrintable(refusal.stderr), "\(refusal.stderr.debugDescription)")
        let built = try cli.run(["build", "--site", site.root, "--output", site.root + "/new-" + Self.hostile])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("new-a\\u{1B}[31mred"), "\(built.stderr.debugDescription)")
        #expect(Self.isPrintable(built.stderr), "\(built.stderr.debugDescription)")
    }
}
