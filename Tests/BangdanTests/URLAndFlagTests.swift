import Foundation
import Testing
@testable import Bangdan

/// Numbers from flags and the environment: a value out of range is refused with exit 2 and a message, never a trap.
@Suite struct FlagTests {
    struct Run {
        var status: Int32
        var stderr: String
    }

    /// Runs the built `bangdan`; a run that has not ended after 60 seconds (a server that started when it should
    /// have refused) is stopped and counts as a failure.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = arguments
        process.environment = environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        #expect(process.terminationReason == .exit, "ended by a signal (a trap, or the watchdog)")
        return Run(status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let badEpochs = [
        "-9223372036854775808", "-1", "9223372036854775807", "99999999999999999999999", "253402300800",
        "+1672531200", "1672531200.5", "1.6e9", "0x63B0CD00", "1672531200s", "abc", "１６７２５３１２００", "1 2",
    ]

    @Test(arguments: badEpochs)
    func refusesASourceDateEpochThatIsNotAPlainTimeInRange(_ value: String) throws {
        #expect(throws: BangdanError.self) { try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": value]) }
        let site = try FixtureSite()
        for command in [["check"], ["build"], ["serve", "--port", "0"]] {
            let result = try run(command + ["--site", site.root], environment: ["SOURCE_DATE_EPOCH": value])
            #expect(result.status == 2, "\(command) with SOURCE_DATE_EPOCH=\(value): \(result.stderr)")
            #expect(result.stderr.contains("SOURCE_DATE_EPOCH"), "\(result.stderr)")
            #expect(result.stderr.contains("253402300799"), "the message says the range: \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.absolute("public")), "nothing written")
    }

    @Test func acceptsTheWholeRangeOfBuildDates() throws {
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "0"]).description == "1970-01-01")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "253402300799"]).description == "9999-12-31")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": " 1672531200\n"]).description == "2023-01-01")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "951782400"]).description == "2000-02-29")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "4107542399"]).description == "2100-02-28")
        #expect(try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": ""]) == Build.buildDate(environment: [:]), "empty is unset")
        #expect(Day(unixSeconds: .min) == nil && Day(unixSeconds: .max) == nil && Day(unixSeconds: -1) == nil)

        let site = try FixtureSite()
        #expect(try run(["check", "--site", site.root], environment: ["SOURCE_DATE_EPOCH": "0"]).status == 0)
        #expect(try run(["check", "--site", site.root], environment: ["SOURCE_DATE_EPOCH": "253402300799"]).status == 0)
    }

    @Test(arguments: ["99999", "65536", "-1", "-9223372036854775808", "9223372036854775808", "1e3", "http", ""])
    func refusesAPortOutOfRange(_ port: String) throws {
        let site = try FixtureSite()
        let result = try run(["serve", "--site", site.root, "--port", port])
        #expect(result.status == 2, "--port \(port): \(result.stderr)")
        #expect(result.stderr.contains("port"), "\(result.stderr)")
    }

    @Test func saysWhichPortsAreAllowed() throws {
        let site = try FixtureSite()
        let result = try run(["serve", "--site", site.root, "--port", "99999"])
        #expect(result.stderr.contains("1 to 65535"), "\(result.stderr)")
    }

    @Test func escapesControlCharactersOfARefusedValue() throws {
        let error = try #require(throws: BangdanError.self) {
            try Build.buildDate(environment: ["SOURCE_DATE_EPOCH": "12\u{1B}[31m\n::error::x"])
        }
        let text = "\(error)"
        #expect(!text.contains("\u{1B}") && !text.contains("\n"), "\(text)")
        #expect(text.contains("\\u{1B}"))
    }
}
