import Foundation
import Synchronization
import Testing

/// The built `bangdan` executable, run as a child process the way officers and CI run it.
enum Binary {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `bangdan` beside the test bundle in the build folder.
    static var path: String {
        let testBundle = URL(
            fileURLWithPath: CommandLine.arguments.first { $0.contains(".xctest") } ?? CommandLine.arguments[0])
        var folder = testBundle.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("bangdan").path), folder.path != "/"
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("bangdan").path
    }

    /// Runs `bangdan` with `arguments` in `folder` (the child's current folder) and only `environment`. A run that
    /// has not ended after `timeout` seconds (a hang, or a server that started when it should have refused) is
    /// stopped and fails the test, as does an end by a signal (a trap).
    static func run(
        _ arguments: [String], in folder: String? = nil,
        environment: [String: String] = ["SOURCE_DATE_EPOCH": "1672531200"], timeout: Double = 60,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        // Read both pipes at once, so a child that fills one while the test waits on the other cannot stall.
        let stdout = Mutex(Data()), reading = DispatchGroup()
        let stdoutHandle = out.fileHandleForReading
        DispatchQueue.global().async(group: reading) {
            let data = stdoutHandle.readDataToEndOfFile()
            stdout.withLock { $0 = data }
        }
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        watchdog.cancel()
        #expect(
            process.terminationReason == .exit, "ended by a signal (a trap, or the watchdog)",
            sourceLocation: sourceLocation)
        return Run(
            status: process.terminationStatus, stdout: stdout.withLock { String(decoding: $0, as: UTF8.self) },
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
