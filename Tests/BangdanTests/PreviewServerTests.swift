import Foundation
import Testing

@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanRender
@testable import BangdanSchema
@testable import BangdanServe
@testable import BangdanSite
@testable import Mustache

/// `bangdan serve`: 127.0.0.1 only, the base path mapped, rebuilds reported, and the last good site kept on error.
/// Every case goes over a real socket, the way a browser (or a hostile page, or a stalled client) would.
@Suite struct PreviewServerTests {
    struct Response {
        var status: Int
        var head: String
        var body: String
        /// The value of the first header with this name (case-insensitive), if any.
        func header(_ name: String) -> String? {
            for line in head.components(separatedBy: "\r\n").dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                if line[..<colon].lowercased() == name.lowercased() {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// A connected client socket. Reads give up after `wait` seconds so a server that never answers makes the
    /// test fail rather than hang.
    static func connectClient(_ port: Int, wait: Int = 5) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var timeout = timeval(tv_sec: wait, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if connected != 0 { close(fd) }
        try #require(connected == 0)
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            // Safe to unwrap: `bytes` is not empty, since offset < count.
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard n > 0 else { return }
            offset += n
        }
    }

    /// Reads until the server closes the connection (or the client's read timeout passes).
    static func readAll(_ fd: Int32) -> [UInt8] {
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        return response
    }

    /// Sends `raw` as it is and reads the whole answer.
    func exchange(_ port: Int, _ raw: String) throws -> Response {
        let fd = try Self.connectClient(port)
        defer { close(fd) }
        Self.send(fd, Array(raw.utf8))
        let text = String(decoding: Self.readAll(fd), as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Response(status: status, head: parts[0], body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// A plain HTTP/1.1 request with the Host a browser sends for the preview.
    func get(_ port: Int, _ path: String, method: String = "GET") throws -> Response {
        try exchange(port, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
    }

    /// A built site being served; stopped when the test ends.
    final class Running {
        let site: FixtureSite
        let server: PreviewServer
        var port: Int { server.port }

        init(timeout: Double = 10) throws {
            site = try FixtureSite()
            server = try PreviewServer(site: site.root, port: 0, timeout: timeout) { _ in }
            #expect(server.rebuild())
            let server = self.server
            Thread.detachNewThread { server.acceptLoop() }
        }

        deinit { server.stop() }
    }

    /// A missing page under en/ gets the English 404 page, one elsewhere the main language's.
    @Test func aMissingPageGetsTheNotFoundPageOfItsLanguage() throws {
        let site = try FixtureSite([
            "content/site.yml": "title: 测试榜单网\nbase_url: https://example.org/bangdan/\nlanguages: [zh-CN, en]"
        ])
        let server = try PreviewServer(site: site.root, port: 0) { _ in }
        defer { server.stop() }
        #expect(server.rebuild())
        Thread.detachNewThread { server.acceptLoop() }
        let english = try get(server.port, "/bangdan/en/nowhere/")
        #expect(english.status == 404)
        #expect(english.body.contains("<html lang=\"en\""), "\(english.body.prefix(200))")
        let chinese = try get(server.port, "/bangdan/nowhere/")
        #expect(chinese.status == 404)
        #expect(chinese.body.contains("<html lang=\"zh-CN\""))
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
        #expect(
            !(try site.snapshotOf(server.output)).values.contains {
                String(decoding: $0, as: UTF8.self).contains("__bangdan")
            },
            "built files never contain the reload script")
        #expect(try get(server.port, "/__bangdan/status").body == "{\"version\":1,\"errors\":\"\"}")
        #expect(try get(server.port, "/bangdan/nowhere/").status == 404)

        let before = SourceWatch.fingerprint(site: site.root)
        try site.write(
            "content/lists/2022-test/good.md",
            FixtureSite.base["content/lists/2022-test/good.md"]!
                .replacingOccurrences(of: "title: 超低功耗散料输送高端装备", with: "title: 改过的标题"))
        #expect(SourceWatch.fingerprint(site: site.root) != before, "the watcher sees the edit")
        #expect(server.rebuild())
        #expect(try get(server.port, "/__bangdan/status").body.hasPrefix("{\"version\":2,"))
        #expect(try get(server.port, "/bangdan/lists/2022-test/good/").body.contains("<h1>改过的标题</h1>"))

        try site.write("content/lists/2022-test/bad.md", requirement("status: opne"))
        #expect(!server.rebuild())
        let status = try get(server.port, "/__bangdan/status").body
        #expect(status.contains("\"version\":2,") && status.contains("error[unknown-status]"))
        #expect(
            try get(server.port, "/bangdan/lists/2022-test/good/").body.contains("<h1>改过的标题</h1>"),
            "last good site still served")
    }

    @Test func refusesAPortOutOfRangeInsteadOfTrapping() throws {
        let site = try FixtureSite()
        for port in [-1, 65_536, 99_999, Int.max, Int.min] {
            #expect(throws: BangdanError.self) { try PreviewServer(site: site.root, port: port) { _ in } }
        }
    }

    @Test func bindsTheLoopbackAddressOnly() throws {
        let running = try Running()
        #expect(running.server.address == "127.0.0.1")
    }

    // MARK: Connections

    @Test func aStalledConnectionDoesNotBlockOtherClients() throws {
        let running = try Running()
        // More silent connections than this machine has cores: a server that reads them on a bounded pool of
        // worker threads never gets to the next client.
        var stalled: [Int32] = []
        defer { stalled.forEach { close($0) } }
        for _ in 0..<16 {
            let fd = try Self.connectClient(running.port)
            Self.send(fd, Array("GET /bangdan/ HTTP/1.1\r\nHost: 127".utf8))
            stalled.append(fd)
        }
        let page = try get(running.port, "/bangdan/")
        #expect(page.status == 200)
        #expect(page.body.contains("</html>"))
    }

    @Test func closesAConnectionThatStallsPastTheDeadline() throws {
        let running = try Running(timeout: 0.2)
        let fd = try Self.connectClient(running.port)
        defer { close(fd) }
        Self.send(fd, Array("GET /bangdan/ HTTP/1.1\r\n".utf8))
        let answer = String(decoding: Self.readAll(fd), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 408 "), "the server gives up on the request and says so: \(answer)")
    }

    @Test func refusesAnOverlongHeader() throws {
        let running = try Running()
        let fd = try Self.connectClient(running.port)
        defer { close(fd) }
        let filler = "X-Filler: " + String(repeating: "a", count: 200) + "\r\n"
        Self.send(
            fd,
            Array(
                ("GET /bangdan/ HTTP/1.1\r\nHost: 127.0.0.1:\(running.port)\r\n" + String(repeating: filler, count: 120))
                    .utf8))
        let answer = String(decoding: Self.readAll(fd), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 431 "), "\(answer.prefix(200))")
    }

    @Test func acceptsBareLineFeeds() throws {
        let running = try Running()
        let page = try exchange(running.port, "GET /bangdan/ HTTP/1.1\nHost: 127.0.0.1:\(running.port)\n\n")
        #expect(page.status == 200)
        #expect(page.body.contains("</html>"))
        let mixed = try exchange(running.port, "GET /bangdan/ HTTP/1.1\r\nHost: localhost:\(running.port)\n\r\n")
        #expect(mixed.status == 200)
    }

    // MARK: Host (DNS rebinding)

    @Test(arguments: ["127.0.0.1", "localhost", "LocalHost", "[::1]"])
    func answersTheLoopbackNamesWithThePort(_ host: String) throws {
        let running = try Running()
        let page = try exchange(running.port, "GET /bangdan/ HTTP/1.1\r\nHost: \(host):\(running.port)\r\n\r\n")
        #expect(page.status == 200)
    }

    @Test func refusesAMissingOrRepeatedHost() throws {
        let running = try Running()
        #expect(try exchange(running.port, "GET /bangdan/ HTTP/1.1\r\n\r\n").status == 400)
        #expect(try exchange(running.port, "GET /bangdan/ HTTP/1.0\r\n\r\n").status == 400)
        #expect(try exchange(running.port, "GET /bangdan/ HTTP/1.1\r\nHost: \r\n\r\n").status == 400)
        let twice = "GET /bangdan/ HTTP/1.1\r\nHost: 127.0.0.1:\(running.port)\r\nHost: evil.example\r\n\r\n"
        #expect(try exchange(running.port, twice).status == 400)
    }

    @Test func refusesAnyOtherHostAsMisdirected() throws {
        let running = try Running()
        let port = running.port
        for host in [
            "evil.example:\(port)", "evil.example", "127.0.0.1", "localhost",
            "127.0.0.1:\(port == 65535 ? 1 : port + 1)",
            "127.0.0.2:\(port)", "localhost.evil.example:\(port)", "0.0.0.0:\(port)", "[::ffff:127.0.0.1]:\(port)",
            "127.0.0.1:\(port)@evil.example",
        ] {
            let page = try exchange(port, "GET /__bangdan/status HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            #expect(page.status == 421, "Host: \(host)")
            #expect(!page.body.contains("version"), "nothing of the preview is shown to \(host)")
        }
    }

    // MARK: Paths and redirects

    @Test func redirectsOnlyWithinTheSite() throws {
        let running = try Running()
        let folder = try get(running.port, "/bangdan/lists")
        #expect(folder.status == 301)
        #expect(folder.header("Location") == "/bangdan/lists/")
        for path in ["//lists", "//bangdan/lists", "///lists", "/%2Flists", "/%2F%2Fbangdan/lists"] {
            let page = try get(running.port, path)
            #expect(page.status == 301, "\(path)")
            let location = page.header("Location") ?? ""
            #expect(location.hasPrefix("/") && !location.hasPrefix("//"), "\(path) → \(location)")
        }
        #expect(try get(running.port, "//lists").header("Location") == "/lists/")
    }

    @Test(arguments: [
        "/bangdan/lists%00", "/bangdan/lists%00/", "/bangdan/%0d%0aSet-Cookie:%20a=b", "/bangdan/lists%0a",
        "/bangdan/../../etc/passwd", "/bangdan/%2e%2e/%2e%2e/etc/passwd", "/bangdan/..%2f..%2fetc/passwd",
        "/bangdan/..%5c..%5cetc%5cpasswd", "/bangdan/lists%5c", "/bangdan/%7f", "/bangdan/%zz", "/bangdan/%e4%b8",
        "http://evil.example/bangdan/", "*", "bangdan/",
    ])
    func refusesHostilePaths(_ path: String) throws {
        let running = try Running()
        let page = try get(running.port, path)
        #expect(page.status == 400, "\(path) → \(page.head)")
        #expect(page.header("Location") == nil)
    }

    @Test func neverFollowsASymlinkOutOfTheOutput() throws {
        let running = try Running()
        let secret = running.site.absolute("secret.txt")
        try "private: do not publish\n".write(toFile: secret, atomically: true, encoding: .utf8)
        let output = running.server.output
        try FileManager.default.createSymbolicLink(atPath: output + "/leak.txt", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: output + "/up", withDestinationPath: running.site.root)
        try FileManager.default.removeItem(atPath: output + "/lists/2022-test/good/index.html")
        try FileManager.default.createSymbolicLink(
            atPath: output + "/lists/2022-test/good/index.html", withDestinationPath: secret)
        for path in [
            "/leak.txt", "/bangdan/leak.txt", "/up/secret.txt", "/up/", "/up", "/bangdan/lists/2022-test/good/",
        ] {
            let page = try get(running.port, path)
            #expect(page.status == 404, "\(path)")
            #expect(!page.body.contains("private"), "\(path) shows a file outside the output")
        }
    }

    @Test func servesOnlyRegularFilesAndNoDotfiles() throws {
        let running = try Running()
        let output = running.server.output
        #expect(mkfifo(output + "/pipe.html", 0o600) == 0)
        try "hidden\n".write(toFile: output + "/.marker", atomically: true, encoding: .utf8)
        #expect(try get(running.port, "/bangdan/pipe.html").status == 404, "a FIFO is never opened for reading")
        #expect(try get(running.port, "/bangdan/.marker").status == 404)
        #expect(try get(running.port, "/.marker").status == 404)
    }

    // MARK: Methods

    @Test(arguments: ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "get"])
    func refusesOtherMethodsWithAllow(_ method: String) throws {
        let running = try Running()
        let page = try get(running.port, "/bangdan/", method: method)
        #expect(page.status == 405)
        #expect(page.header("Allow") == "GET, HEAD")
    }

    @Test func answersHeadLikeGetWithoutTheBody() throws {
        let running = try Running()
        let full = try get(running.port, "/bangdan/lists/2022-test/good/")
        let head = try get(running.port, "/bangdan/lists/2022-test/good/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == "\(full.body.utf8.count)")
        #expect(head.header("Content-Type") == "text/html; charset=utf-8")
        #expect(try get(running.port, "/bangdan/nowhere/", method: "HEAD").body.isEmpty)
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
