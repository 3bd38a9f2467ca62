import Foundation
import Testing
@testable import Bangdan

/// `bangdan serve`: 127.0.0.1 only, the base path mapped, rebuilds reported, and the last good site kept on error.
@Suite struct PreviewServerTests {
    /// A plain HTTP/1.1 GET over a socket (no networking library needed).
    func get(_ port: Int, _ path: String) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress!, request.count) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test func servesRebuildsAndKeepsTheLastGoodSiteOnError() throws {
        let site = try FixtureSite()
        let server = try PreviewServer(site: site.root, port: 0) { _ in }
        defer { server.stop() }
        #expect(server.rebuild())
        Thread.detachNewThread { server.acceptLoop() }

        let page = try get(server.port, "/bangdan/lists/2022-test/good/")
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>超低功耗散料输送高端装备</h1>"))
        #expect(page.body.contains("<script src=\"/__bangdan/reload.js\"></script>\n</body>"), "reload script injected")
        #expect(!(try site.snapshotOf(server.output)).values.contains { String(decoding: $0, as: UTF8.self).contains("__bangdan") },
                "built files never contain the reload script")
        #expect(try get(server.port, "/__bangdan/status").body == "{\"version\":1,\"errors\":\"\"}")
        #expect(try get(server.port, "/bangdan/nowhere/").status == 404)
        #expect(try get(server.port, "/bangdan/../../etc/passwd").status == 403)

        let before = SourceWatch.fingerprint(site: site.root)
        try site.write("content/lists/2022-test/good.md", FixtureSite.base["content/lists/2022-test/good.md"]!
            .replacingOccurrences(of: "title: 超低功耗散料输送高端装备", with: "title: 改过的标题"))
        #expect(SourceWatch.fingerprint(site: site.root) != before, "the watcher sees the edit")
        #expect(server.rebuild())
        #expect(try get(server.port, "/__bangdan/status").body.hasPrefix("{\"version\":2,"))
        #expect(try get(server.port, "/bangdan/lists/2022-test/good/").body.contains("<h1>改过的标题</h1>"))

        try site.write("content/lists/2022-test/bad.md", requirement("status: opne"))
        #expect(!server.rebuild())
        let status = try get(server.port, "/__bangdan/status").body
        #expect(status.contains("\"version\":2,") && status.contains("error[unknown-status]"))
        #expect(try get(server.port, "/bangdan/lists/2022-test/good/").body.contains("<h1>改过的标题</h1>"), "last good site still served")
    }
}

extension FixtureSite {
    func snapshotOf(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return files }
        for case let path as String in enumerator {
            if let data = FileManager.default.contents(atPath: folder + "/" + path) { files[path] = data }
        }
        return files
    }
}
