import Foundation
import Synchronization

/// `bangdan serve`: builds the site into a private folder, serves it on 127.0.0.1 only, watches `content/` and
/// `templates/`, rebuilds on change and makes open pages reload. A content error keeps the last good site
/// online and shows the diagnostics in the page and the terminal.
///
/// A small HTTP/1.1 server over POSIX sockets rather than a server framework: it serves files to one person's
/// browser, and a framework would add minutes to every CI build (DESIGN.md asks for a modest build cost).
public final class PreviewServer: Sendable {
    public struct Status: Sendable {
        /// Goes up by one with every successful build; pages reload when it changes.
        public var version = 0
        /// The diagnostics of the last build that failed, as text; empty when the last build succeeded.
        public var errors = ""
        /// The path of `base_url` of the last good build: pages link under it, so requests are mapped back.
        public var basePath = "/"
    }

    public let site: String
    public let output: String
    private let status = Mutex(Status())
    private let socket: Int32
    public let port: Int
    private let log: @Sendable (String) -> Void

    /// Binds 127.0.0.1:`port` (0 picks a free port). Throws when the port is taken.
    public init(site: String, port: Int, log: @escaping @Sendable (String) -> Void) throws {
        self.site = site
        self.output = NSTemporaryDirectory() + "bangdan-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max))/public"
        self.log = log
        let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BangdanError.writeFailed(path: "socket", reason: String(cString: strerror(errno))) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw BangdanError.writeFailed(path: "127.0.0.1:\(port)", reason: reason)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.socket = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
    }

    public var currentStatus: Status { status.withLock { $0 } }

    /// Builds once; returns true when the site built. Diagnostics go to the terminal and, on failure, the page.
    @discardableResult
    public func rebuild() -> Bool {
        do {
            let built = try Build.build(site: site, output: output, buildDate: Build.buildDate())
            let text = DiagnosticFormat.text.render(built.checked.diagnostics, language: built.checked.language)
            if built.filesWritten != nil {
                let basePath = built.checked.resolved?.site.basePath ?? "/"
                status.withLock { $0.version += 1; $0.errors = ""; $0.basePath = basePath }
                log(built.checked.diagnostics.isEmpty ? "built" : text)
                return true
            }
            status.withLock { $0.errors = text }
            log(text + "(serving the last good site)")
        } catch {
            status.withLock { $0.errors = "\(error)" }
            log("bangdan serve: \(error)")
        }
        return false
    }

    /// Serves until the process ends; checks for changes twice a second.
    public func run() -> Never {
        let server = self
        Thread.detachNewThread { server.acceptLoop() }
        var last = SourceWatch.fingerprint(site: site)
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let now = SourceWatch.fingerprint(site: site)
            if now != last {
                last = now
                log("change detected; rebuilding")
                rebuild()
            }
        }
    }

    /// Accepts connections until the socket is closed; each request is answered on its own queue item.
    public func acceptLoop() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let server = self
            DispatchQueue.global().async { server.answer(client) }
        }
    }

    public func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    // MARK: HTTP

    private func answer(_ client: Int32) {
        defer { close(client) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.count < 65_536, request.firstRange(of: [13, 10, 13, 10]) == nil {
            let n = read(client, &buffer, buffer.count)
            guard n > 0 else { break }
            request += buffer[0..<n]
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2 else { return respond(client, 400, "text/plain", Array("bad request\n".utf8)) }
        let method = String(line[0])
        guard method == "GET" || method == "HEAD" else { return respond(client, 405, "text/plain", Array("GET only\n".utf8)) }
        var target = String(line[1].split(separator: "?", maxSplits: 1).first ?? "/")
        target = target.removingPercentEncoding ?? target
        let (code, type, body) = resource(target)
        respond(client, code, type, body, headOnly: method == "HEAD")
    }

    /// What a path answers: the status endpoint, the reload script, or a file of the built site.
    func resource(_ target: String) -> (Int, String, [UInt8]) {
        if target == "/__bangdan/status" {
            let s = currentStatus
            return (200, "application/json", Array(JSONText.object([("version", "\(s.version)"), ("errors", JSONText.quote(s.errors))]).utf8))
        }
        if target == "/__bangdan/reload.js" { return (200, "text/javascript; charset=utf-8", Array(Self.reloadScript.utf8)) }
        let base = currentStatus.basePath
        var path = target
        if base != "/", path.hasPrefix(base) { path = "/" + path.dropFirst(base.count) }
        guard !path.split(separator: "/").contains("..") else { return (403, "text/plain", Array("forbidden\n".utf8)) }
        var file = output + path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            if !path.hasSuffix("/") { return (301, path + "/", []) }
            file += "index.html"
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            let page = FileManager.default.contents(atPath: output + "/404.html").map { [UInt8]($0) } ?? Array("not found\n".utf8)
            return (404, "text/html; charset=utf-8", inject(page))
        }
        let type = Self.contentType(file)
        return (200, type, type.hasPrefix("text/html") ? inject([UInt8](data)) : [UInt8](data))
    }

    /// Adds the reload script to an HTML page (serve mode only; built files never contain it).
    private func inject(_ page: [UInt8]) -> [UInt8] {
        let tag = Array("<script src=\"/__bangdan/reload.js\"></script>\n".utf8)
        guard let end = page.lastRange(of: Array("</body>".utf8)) else { return page + tag }
        return Array(page[..<end.lowerBound]) + tag + Array(page[end.lowerBound...])
    }

    private func respond(_ client: Int32, _ code: Int, _ type: String, _ body: [UInt8], headOnly: Bool = false) {
        let reason = [200: "OK", 301: "Moved Permanently", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
                      405: "Method Not Allowed"][code] ?? "OK"
        var head = "HTTP/1.1 \(code) \(reason)\r\nConnection: close\r\nCache-Control: no-store\r\n"
        if code == 301 { head += "Location: \(type)\r\nContent-Length: 0\r\n\r\n" }
        else { head += "Content-Type: \(type)\r\nContent-Length: \(body.count)\r\n\r\n" }
        let bytes = Array(head.utf8) + (headOnly || code == 301 ? [] : body)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(client, $0.baseAddress! + offset, bytes.count - offset) }
            guard n > 0 else { return }
            offset += n
        }
    }

    static func contentType(_ file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "csv": "text/csv; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }

    /// Polls the status once a second: reloads when a new build is ready, shows the diagnostics while it fails.
    static let reloadScript = """
        (function () {
          var seen = null, box = null;
          function show(text) {
            if (!text) { if (box) { box.remove(); box = null; } return; }
            if (!box) {
              box = document.createElement("pre");
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1em;" +
                "background:#2b0b0b;color:#ffe3e3;font:13px/1.5 monospace;z-index:99999;white-space:pre-wrap";
              document.body.appendChild(box);
            }
            box.textContent = text;
          }
          function poll() {
            fetch("/__bangdan/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
              if (seen !== null && s.version !== seen) { location.reload(); return; }
              seen = s.version;
              show(s.errors);
            }).catch(function () {}).then(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();
        """
}

/// A cheap fingerprint of the sources for change detection: every path under `content/` and `templates/` with
/// its size and modification time (stat only, no reading).
enum SourceWatch {
    static func fingerprint(site: String) -> UInt64 {
        var f = Fingerprint()
        for folder in ["content", "templates"] {
            let root = (site as NSString).appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            var entries: [String] = []
            for case let path as String in walker { entries.append(path) }
            for path in entries.sorted() {
                var info = stat()
                guard lstat(root + "/" + path, &info) == 0 else { continue }
                f.add(folder + "/" + path)
                f.add(UInt64(info.st_size))
                f.add(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)) &* 1_000_000_000 &+ UInt64(info.st_mtim.tv_nsec))
            }
        }
        return f.value
    }
}
