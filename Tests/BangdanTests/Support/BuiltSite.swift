import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import Mustache

extension FixtureSite {
    var output: String { root + "/public" }

    /// Builds into `public/`; fails the test if the build reports errors.
    @discardableResult
    func build(buildDate: Day = Day("2023-01-01")!, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Build.Built
    {
        let built = try Build.build(site: root, buildDate: buildDate)
        #expect(
            built.filesWritten != nil, "build failed: \(describe(built.checked.diagnostics))",
            sourceLocation: sourceLocation)
        return built
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output + "/" + path) }

    /// Every file under the output, relative, sorted, with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: output) else { return files }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[path] = FileManager.default.contents(atPath: output + "/" + path)
            }
        }
        return files
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(read(path).utf8)) as? [String: Any])
    }
}
