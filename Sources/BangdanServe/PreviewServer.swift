import BangdanBuild
import BangdanCore
import Foundation
import Synchronization

/// `bangdan serve`: builds the site into a private folder, serves it on 127.0.0.1 only, watches `content/` and
/// `templates/`, rebuilds on change and makes open pages reload. A content error keeps the last good site
/// online and shows the diagnostics in the page and the terminal.
///
/// A small HTTP/1.1 server over POSIX sockets rather than a server framework: it serves files to one person's
/// browser, and a framework would add minutes to every CI build (the design asks for a modest build cost).
///
/// What it promises, for a preview that a hostile web page in the same browser may try to reach:
/// - It binds 127.0.0.1 only, and answers only requests whose `Host` is 127.0.0.1, localhost or [::1] with its
///   port (DNS rebinding). Vite and webpack-dev-server check the host name the same way but answer 403; this
///   server answers 421 Misdirected Request (RFC 9110 §15.5.20), and 400 when `Host` is missing or repeated.
/// - Each connection has its own thread and one deadline (`timeout`, 10 s) for reading the request and writing
///   the answer, and the head is capped at 16 KiB (431): a stalled client holds up no one else.
/// - GET and HEAD only (405 with `Allow: GET, HEAD`). Paths are percent-decoded once; NUL or any control
///   character, a backslash, a `.` or `..` segment, or a bad escape is 400. Redirects are paths on this server
///   (one leading `/`, percent-encoded), never `//host`.
/// - It reads only regular files inside its own output folder, never follows a symbolic link there, and never
///   serves dotfiles.
public final class PreviewServer: Sendable {
    public struct Status: Sendable {
        /// Goes up by one with every successful build; pages reload when it changes.
        public var version = 0
        /// The diagnostics of the last build that failed, as text; empty when the last build succeeded.
        public var errors = ""
        /// The path of `base_url` of the last good build: pages link under it, so requests are mapped back.
        public var basePath = "/"
        /// The site's language as the last build read it: the language of what the server logs.
        public var language = Language.zhCN
        /// The folders of the last good build's other languages (`en`, or `zh`), each with its own 404 page.
        public var languageFolders: [String] = []
    }

    public let site: String
    /// The built site: `public/` inside a folder of our own (mode 0700) under the system's temporary folder.
    public let output: String
    private let status = Mutex(Status())
    private let socket: Int32
    public let port: Int
    /// The address the socket is bound to, as the system reports it: always 127.0.0.1.
    public let address: String
    /// Seconds a connection has to send its request and to take the answer; a slower client is dropped.
    public let timeout: Double
    private let log: @Sendable (String) -> Void
    /// Connections being answered now; past `connectionLimit` a new one is told 503 at once.
    private let connections = Atomic<Int>(0)

    /// The request line and headers together; a browser sends well under 8 KiB.
    static let headerLimit = 16 * 1024
    static let connectionLimit = 128

    /// Binds 127.0.0.1:`port` (0 picks a free port) and nothing else. Throws when the port is out of range or
    /// taken, or the private output folder cannot be made.
    public init(site: String, port: Int, timeout: Double = 10, log: @escaping @Sendable (String) -> Void) throws {
        guard (0...65_535).contains(port) else {
            throw BangdanError.invalidSetting(
                name: "--port", value: "\(port)",
                expected: Phrase("1 到 65535 之间的端口，或 0（任选一个空闲端口）", "a port from 1 to 65535, or 0 for any free port"))
        }
        self.site = site
        self.log = log
        self.timeout = timeout
        var template = Array((NSTemporaryDirectory() + "/bangdan-serve-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            // The buffer is the non-empty, NUL-terminated template made just above.
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        guard let folder = made else {
            throw BangdanError.writeFailed(path: NSTemporaryDirectory(), reason: String(cString: strerror(errno)))
        }
        self.output = folder + "/public"
        #if canImport(Darwin)
            let fd = Foundation.socket(AF_INET, SOCK_STREAM, 0)
        #else
            let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { throw BangdanError.writeFailed(path: "socket", reason: String(cString: strerror(errno))) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            rmdir(folder)
            throw BangdanError.writeFailed(path: "127.0.0.1:\(port)", reason: reason)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.socket = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        self.address =
            inet_ntop(AF_INET, &actual.sin_addr, &text, socklen_t(text.count)).map { String(cString: $0) } ?? "?"
    }

    public var currentStatus: Status { status.withLock { $0 } }

    /// Builds once; returns true when the site built. Diagnostics go to the terminal and, on failure, the page.
    @discardableResult
    public func rebuild() -> Bool {
        do {
            let built = try Build.build(site: site, output: output, buildDate: Build.buildDate())
            let language = built.checked.language
            status.withLock { $0.language = language }
            let text = DiagnosticFormat.text.render(built.checked.diagnostics, language: language)
            if built.filesWritten != nil {
                let settings = built.checked.resolved?.site
                let folders = (settings?.languages ?? []).compactMap { language -> String? in
                    let prefix = settings?.pathPrefix(language) ?? ""
                    return prefix.isEmpty ? nil : String(prefix.dropLast())
                }
                status.withLock {
                    $0.version += 1
                    $0.errors = ""
                    $0.basePath = settings?.basePath ?? "/"
                    $0.languageFolders = folders
                }
                // The same keyed build as `bangdan build`: only the files whose inputs changed are made again.
                let (made, total) = (built.filesMade, built.filesInOutput)
                let done =
                    built.reused
                    ? language.pick("没有变化", "nothing changed")
                    : language.pick("生成 \(made) / \(total) 个文件", "made \(made) of \(total) files")
                log(
                    built.checked.diagnostics.isEmpty
                        ? language.pick("已构建（\(done)）", "built (\(done))")
                        : text + language.pick("（\(done)）", "(\(done))"))
                return true
            }
            status.withLock { $0.errors = text }
            log(text + language.pick("（继续提供上一次成功构建的网站）", "(serving the last good site)"))
        } catch {
            let language = currentStatus.language
            status.withLock { $0.errors = "\(error)" }
            log("bangdan serve: " + ((error as? BangdanError)?.message(in: language) ?? "\(error)"))
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
                log(currentStatus.language.pick("检测到改动，正在重新构建", "change detected; rebuilding"))
                rebuild()
            }
        }
    }

    /// Accepts connections until the socket is closed. Each connection gets its own thread (not a queue of a
    /// bounded pool, which a few silent clients would fill) and its own deadline.
    public func acceptLoop() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 {
                switch errno {
                case EINTR, ECONNABORTED: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    Thread.sleep(forTimeInterval: 0.05)
                    continue
                default: return
                }
            }
            Self.configure(client)
            if connections.add(1, ordering: .relaxed).newValue > Self.connectionLimit {
                connections.subtract(1, ordering: .relaxed)
                var connection = Connection(fd: client, seconds: 0.1)
                connection.send(Response.plain(503, "too many connections\n").bytes())
                close(client)
                continue
            }
            let server = self
            Thread.detachNewThread {
                server.answer(client)
                server.connections.subtract(1, ordering: .relaxed)
            }
        }
    }

    /// Closes the listening socket and removes the private output folder.
    public func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
        try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent)
    }

    // MARK: Connections

    /// Non-blocking, so every read and write waits in `poll` against the connection's deadline; and never
    /// SIGPIPE when the browser goes away mid-answer.
    private static func configure(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// One client socket and the moment it must be done by.
    struct Connection {
        let fd: Int32
        var deadline: ContinuousClock.Instant

        init(fd: Int32, seconds: Double) {
            self.fd = fd
            self.deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        }

        enum Head {
            case head([UInt8])
            /// The client closed without sending anything.
            case closed
            /// The client closed in the middle of its request.
            case incomplete
            case timedOut
            case tooLarge
        }

        /// Waits for `events` until the deadline; false when it passed or the socket failed.
        func wait(_ events: Int32) -> Bool {
            while true {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return false }
                let milliseconds = Int32(
                    clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
                var entry = pollfd(fd: fd, events: Int16(events), revents: 0)
                let ready = poll(&entry, 1, milliseconds)
                if ready > 0 { return true }
                if ready < 0 && errno != EINTR { return false }
            }
        }

        /// Reads up to the blank line that ends the headers. Lines may end in CRLF or a bare LF.
        mutating func readHead(limit: Int) -> Head {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                guard wait(Int32(POLLIN)) else { return .timedOut }
                let n = recv(fd, &buffer, buffer.count, 0)
                if n < 0 {
                    if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                    return bytes.isEmpty ? .closed : .incomplete
                }
                if n == 0 { return bytes.isEmpty ? .closed : .incomplete }
                let searchFrom = max(0, bytes.count - 2)
                bytes += buffer[0..<n]
                if let end = PreviewServer.headEnd(bytes, from: searchFrom) {
                    return end > limit ? .tooLarge : .head(Array(bytes[0..<end]))
                }
                if bytes.count > limit { return .tooLarge }
            }
        }

        /// Writes everything or gives up at the deadline.
        mutating func send(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                guard wait(Int32(POLLOUT)) else { return }
                let n = bytes.withUnsafeBytes { raw -> Int in
                    // `raw` is non-empty: offset < bytes.count.
                    #if canImport(Darwin)
                        Foundation.send(fd, raw.baseAddress! + offset, bytes.count - offset, 0)
                    #else
                        Foundation.send(fd, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                    #endif
                }
                if n < 0 {
                    if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    /// Where the head ends: just past the first empty line, whether lines end in CRLF or a bare LF
    /// (RFC 9112 §2.2 lets a server accept a bare LF; some clients and hand-typed requests send it).
    static func headEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == 0x0A {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { return i + 2 }
                if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { return i + 3 }
            }
            i += 1
        }
        return nil
    }

    private func answer(_ client: Int32) {
        defer { close(client) }
        var connection = Connection(fd: client, seconds: timeout)
        let head: [UInt8]
        switch connection.readHead(limit: Self.headerLimit) {
        case .head(let bytes): head = bytes
        case .closed: return
        case .incomplete: return connection.send(Response.plain(400, "incomplete request\n").bytes())
        case .timedOut:
            // One more second to say why the connection closes; the client is not waited for again.
            connection.deadline = ContinuousClock.now + .seconds(1)
            return connection.send(Response.plain(408, "the request did not arrive in time\n").bytes())
        case .tooLarge: return connection.send(Response.plain(431, "request headers too large\n").bytes())
        }
        let (response, headOnly) = respond(to: head)
        connection.send(response.bytes(headOnly: headOnly))
    }

    // MARK: HTTP

    /// An answer: status, extra headers and body. Every answer closes the connection and is never cached.
    struct Response {
        var code: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []

        static func plain(_ code: Int, _ text: String, headers: [(String, String)] = []) -> Response {
            Response(
                code: code, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: Array(text.utf8))
        }

        static let reasons = [
            200: "OK", 301: "Moved Permanently", 400: "Bad Request", 404: "Not Found",
            405: "Method Not Allowed", 408: "Request Timeout", 421: "Misdirected Request",
            431: "Request Header Fields Too Large", 503: "Service Unavailable",
        ]

        /// The bytes on the wire; for HEAD the same head (with the body's length) and no body.
        func bytes(headOnly: Bool = false) -> [UInt8] {
            var head = "HTTP/1.1 \(code) \(Self.reasons[code] ?? "Error")\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            head += "Content-Length: \(body.count)\r\nConnection: close\r\nCache-Control: no-store\r\n"
            head += "X-Content-Type-Options: nosniff\r\n\r\n"
            return Array(head.utf8) + (headOnly ? [] : body)
        }
    }

    /// The answer to one request head, and whether it is a HEAD request.
    func respond(to head: [UInt8]) -> (Response, headOnly: Bool) {
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            $0.last == 0x0D ? $0.dropLast() : $0
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }  // RFC 9112 §2.2: ignore empty lines before
        while lines.last?.isEmpty == true { lines.removeLast() }
        let bad = Response.plain(400, "bad request\n")
        guard let first = lines.first else { return (bad, false) }
        // No control characters anywhere but a tab inside a header value; no CR but as a line's last byte.
        guard lines.allSatisfy({ $0.allSatisfy { $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 } }) else {
            return (bad, false)
        }
        let parts = first.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, let version = String(validating: parts[2], as: UTF8.self),
            version == "HTTP/1.1" || version == "HTTP/1.0",
            let method = String(validating: parts[0], as: UTF8.self), !method.isEmpty,
            let target = String(validating: parts[1], as: UTF8.self), !target.isEmpty
        else { return (bad, false) }
        let headOnly = method == "HEAD"
        var hosts: [String] = []
        for line in lines.dropFirst() {
            // Folded lines (obs-fold) and a space before the colon are refused (RFC 9112 §5.1, §5.2).
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
                let name = String(validating: line[line.startIndex..<colon], as: UTF8.self)
            else { return (bad, headOnly) }
            if name.lowercased() == "host" {
                hosts.append(
                    String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(
                        in: .init(charactersIn: " \t")))
            }
        }
        if let refused = hostProblem(hosts) { return (refused, headOnly) }
        guard method == "GET" || headOnly else {
            return (.plain(405, "only GET and HEAD\n", headers: [("Allow", "GET, HEAD")]), false)
        }
        return (resource(target), headOnly)
    }

    /// The preview answers only to the names of this machine's loopback address with this port, as a browser
    /// sends them for http://127.0.0.1:PORT/, http://localhost:PORT/ or http://[::1]:PORT/. Any other name means
    /// the request was meant for another site (or a page used DNS rebinding to reach this one): 421, as RFC 9110
    /// §15.5.20 says for a server that will not answer for the named host. No Host, or two: 400 (RFC 9112 §3.2).
    func hostProblem(_ hosts: [String]) -> Response? {
        guard hosts.count == 1, let host = hosts.first, !host.isEmpty else {
            return .plain(400, "a request needs exactly one Host header\n")
        }
        let names = ["127.0.0.1", "localhost", "[::1]"]
        let allowed = names.map { "\($0):\(port)" } + (port == 80 ? names : [])
        guard allowed.contains(host.lowercased()) else {
            return .plain(421, "this preview answers only at http://127.0.0.1:\(port)/ or http://localhost:\(port)/\n")
        }
        return nil
    }

    /// The path of a request target, percent-decoded, with runs of `/` made one; nil when the target is not a
    /// path (absolute or `*` form), its escapes are not UTF-8, or it holds NUL, another control character, a
    /// backslash, or a `.` or `..` segment.
    static func requestPath(_ target: String) -> String? {
        guard target.hasPrefix("/") else { return nil }
        let raw = target.prefix { $0 != "?" && $0 != "#" }
        var bytes: [UInt8] = []
        var utf8 = raw.utf8.makeIterator()
        while let byte = utf8.next() {
            guard byte == 0x25 else {
                bytes.append(byte)
                continue
            }
            guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        guard let path = String(validating: bytes, as: UTF8.self) else { return nil }
        guard
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\\" })
        else { return nil }
        let segments = path.split(separator: "/")
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else { return nil }
        if segments.isEmpty { return "/" }
        return "/" + segments.joined(separator: "/") + (path.hasSuffix("/") ? "/" : "")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// What a target answers: the status endpoint, the reload script, or a file of the built site.
    func resource(_ target: String) -> Response {
        guard let path = Self.requestPath(target) else { return .plain(400, "bad request path\n") }
        if path == "/__bangdan/status" {
            let s = currentStatus
            return Response(
                code: 200, headers: [("Content-Type", "application/json")],
                body: Array(JSONText.object([("version", "\(s.version)"), ("errors", JSONText.quote(s.errors))]).utf8))
        }
        if path == "/__bangdan/reload.js" {
            return Response(
                code: 200, headers: [("Content-Type", "text/javascript; charset=utf-8")],
                body: Array(Self.reloadScript.utf8))
        }
        // Request paths arrive decoded; so is the base (base_url may spell its path in percent-escapes).
        let base = Self.requestPath(currentStatus.basePath) ?? "/"
        var relative = path
        if base != "/" {
            if path.hasPrefix(base) {
                relative = "/" + path.dropFirst(base.count)
            } else if path + "/" == base {
                return Self.redirect(to: base)
            }
        }
        let segments = relative.split(separator: "/").map(String.init)
        // Bangdan publishes no dotfiles; whatever else sits in the folder (a marker, an editor's file) stays private.
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return notFound(segments) }
        switch read(segments, asFolder: relative.hasSuffix("/")) {
        case .file(let bytes, let name):
            let type = Self.contentType(name)
            return Response(
                code: 200, headers: [("Content-Type", type)], body: type.hasPrefix("text/html") ? inject(bytes) : bytes)
        case .folder:
            return Self.redirect(to: path + "/")
        case .missing:
            return notFound(segments)
        }
    }

    /// A redirect within this server: `path` is a normalised request path (one leading `/`, no empty segment),
    /// percent-encoded so the header never holds a control character, a space or a second `/` up front.
    static func redirect(to path: String) -> Response {
        let location = Paths.encode(path)
        guard location.hasPrefix("/"), !location.hasPrefix("//") else { return .plain(400, "bad request path\n") }
        return Response(code: 301, headers: [("Location", location)])
    }

    /// The 404 page of the request's language: a path under another language's folder (`SiteSettings.pathPrefix`)
    /// gets that language's `404.html`, as a production server should be set up to give.
    private func notFound(_ segments: [String] = []) -> Response {
        let page: [UInt8]
        if let first = segments.first, currentStatus.languageFolders.contains(first),
            case .file(let bytes, _) = read([first, "404.html"], asFolder: false)
        {
            page = bytes
        } else if case .file(let bytes, _) = read(["404.html"], asFolder: false) {
            page = bytes
        } else {
            page = Array("not found\n".utf8)
        }
        return Response(code: 404, headers: [("Content-Type", "text/html; charset=utf-8")], body: inject(page))
    }

    enum Found {
        /// The bytes, and the name of the file read (`index.html` for a folder).
        case file([UInt8], name: String)
        /// A folder asked for without its trailing slash.
        case folder
        case missing
    }

    /// Reads a regular file of the output, one path component at a time with `O_NOFOLLOW`: a symbolic link
    /// anywhere under the output is never followed, and nothing but a regular file (no FIFO, no device) is read.
    func read(_ segments: [String], asFolder: Bool) -> Found {
        var name = segments.last ?? "index.html"
        var current = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard current >= 0 else { return .missing }
        defer { close(current) }
        for segment in segments {
            let next = openat(current, segment, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard next >= 0 else { return .missing }
            close(current)
            current = next
        }
        var info = stat()
        guard fstat(current, &info) == 0 else { return .missing }
        if info.st_mode & S_IFMT == S_IFDIR {
            guard asFolder || segments.isEmpty else { return .folder }
            let index = openat(current, "index.html", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard index >= 0 else { return .missing }
            name = "index.html"
            close(current)
            current = index
            guard fstat(current, &info) == 0 else { return .missing }
        } else if asFolder {
            return .missing
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .missing }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = Foundation.read(current, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return .missing }
            if n == 0 { return .file(bytes, name: name) }
            bytes += buffer[0..<n]
        }
    }

    /// Adds the reload script to an HTML page (serve mode only; built files never contain it).
    private func inject(_ page: [UInt8]) -> [UInt8] {
        let tag = Array("<script src=\"/__bangdan/reload.js\"></script>\n".utf8)
        guard let end = page.lastRange(of: Array("</body>".utf8)) else { return page + tag }
        return Array(page[..<end.lowerBound]) + tag + Array(page[end.lowerBound...])
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
                f.add(
                    UInt64(bitPattern: info.modification.seconds) &* 1_000_000_000
                        &+ UInt64(bitPattern: info.modification.nanoseconds))
            }
        }
        return f.value
    }
}
