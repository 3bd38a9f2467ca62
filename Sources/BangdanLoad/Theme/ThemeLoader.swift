import BangdanCore
import Foundation

/// The texts of the templates and the bytes of the assets: the default theme compiled into Bangdan (the
/// repository's top-level `templates/`, see Plugins/EmbedPlugin), overridden file by file by a site's own
/// `templates/` (`templates/NAME.mustache`, `templates/assets/FILE`).
public struct ThemeFiles: Sendable {
    public var templates: [String: String]
    public var assets: [String: [UInt8]]
    /// Problems in the site's `templates/` that are content errors (`symlink-refused`), reported with the
    /// content's diagnostics so the build stops with exit status 1.
    public var diagnostics: [Diagnostic] = []

    public init(templates: [String: String], assets: [String: [UInt8]], diagnostics: [Diagnostic] = []) {
        self.templates = templates
        self.assets = assets
        self.diagnostics = diagnostics
    }

    public var fingerprint: UInt64 {
        var f = Fingerprint()
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            f.add(name)
            f.add(text)
        }
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) {
            f.add(name)
            f.add(bytes)
        }
        for diagnostic in diagnostics { f.add(diagnostic.path) }
        return f.value
    }
}

public enum ThemeLoader {
    /// The default theme, as compiled into the binary: needs no file beside the executable.
    public static let defaults: ThemeFiles = {
        var assets: [String: [UInt8]] = [:]
        for (name, text) in DefaultTheme.textAssets { assets[name] = Array(text.utf8) }
        for (name, base64) in DefaultTheme.binaryAssets {
            // The generator wrote this text from the file's bytes, so it always decodes.
            assets[name] = Data(base64Encoded: base64).map { [UInt8]($0) } ?? []
        }
        return ThemeFiles(templates: DefaultTheme.templates, assets: assets)
    }()

    /// The default theme with the site's own `templates/` laid over it. Like `content/`, the site's templates are
    /// read without following a symbolic link anywhere: a link (the `templates` folder itself, `assets`, or any
    /// file in them) is refused with `symlink-refused` and not read. A template or asset that is not a regular
    /// file (a FIFO, a device, a folder) is an environment problem (exit 2), never opened.
    public static func load(site: String) throws -> ThemeFiles {
        var theme = defaults
        var own = SiteTemplates(site: site)
        try own.read(into: &theme)
        theme.diagnostics = own.diagnostics.sorted()
        return theme
    }
}

/// The walk over a site's `templates/`: `NAME.mustache` directly inside, and every file directly in `assets/`.
private struct SiteTemplates {
    let site: String
    var diagnostics: [Diagnostic] = []

    init(site: String) { self.site = site }

    private enum Kind { case missing, regular, directory, symlink, other }

    private func absolute(_ relative: String) -> String { (site as NSString).appendingPathComponent(relative) }

    /// `lstat`, so a symbolic link is seen as a link and never followed.
    private func kind(_ relative: String) throws -> Kind {
        var info = stat()
        guard lstat(absolute(relative), &info) == 0 else {
            if errno == ENOENT { return .missing }
            throw BangdanError.unreadable(path: relative, reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .symlink
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        default: return .other
        }
    }

    private func entries(_ relative: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: absolute(relative))
                .filter { !$0.hasPrefix(".") }
                .sortedByBytes()
        } catch {
            throw BangdanError.unreadable(path: relative, reason: error.localizedDescription)
        }
    }

    private mutating func refuseLink(_ relative: String) {
        diagnostics.append(Diagnostic(.symlinkRefused, path: relative))
    }

    private static func notAFile(_ relative: String) -> BangdanError {
        .unreadable(
            path: relative,
            reason: "not a regular file (a folder, FIFO or device); templates and assets must be plain files")
    }

    mutating func read(into theme: inout ThemeFiles) throws {
        switch try kind("templates") {
        case .missing: return
        case .symlink:
            refuseLink("templates")
            return
        case .directory: break
        case .regular, .other:
            throw BangdanError.unreadable(path: "templates", reason: "not a folder")
        }
        var hasAssets = false
        for name in try entries("templates") {
            let relative = "templates/" + name
            if name == "assets" {
                hasAssets = true
                continue
            }
            let kind = try kind(relative)
            if kind == .symlink {
                refuseLink(relative)
                continue
            }
            guard name.hasSuffix(".mustache") else { continue }  // Other files and folders are not the theme.
            guard kind == .regular else { throw Self.notAFile(relative) }
            let bytes = try readRegularFile(relative)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw BangdanError.unreadable(path: relative, reason: "not a UTF-8 text file")
            }
            theme.templates[String(name.dropLast(".mustache".count))] = text
        }
        guard hasAssets else { return }
        switch try kind("templates/assets") {
        case .symlink:
            refuseLink("templates/assets")
            return
        case .directory: break
        default: throw BangdanError.unreadable(path: "templates/assets", reason: "not a folder")
        }
        for name in try entries("templates/assets") {
            let relative = "templates/assets/" + name
            switch try kind(relative) {
            case .symlink:
                refuseLink(relative)
                continue
            case .regular: break
            default: throw Self.notAFile(relative)
            }
            theme.assets[name] = try readRegularFile(relative)
        }
    }

    /// The bytes of a theme file, read by the one reader of regular files (`RegularFile`): no symbolic link is
    /// followed on the way, a FIFO is never waited on, and only a regular file is read.
    private func readRegularFile(_ relative: String) throws -> [UInt8] {
        let parts = relative.split(separator: "/").map(String.init)
        switch RegularFile.read(under: site, parts, limit: AttachmentFile.sizeLimit) {
        case .bytes(let bytes): return bytes
        case .tooLarge:
            throw BangdanError.unreadable(path: relative, reason: "larger than \(AttachmentFile.sizeLimit >> 20) MiB")
        case .notRegular(.symlink): throw BangdanError.unreadable(path: relative, reason: "a symbolic link")
        case .notRegular: throw Self.notAFile(relative)
        case .failed(let reason): throw BangdanError.unreadable(path: relative, reason: reason)
        }
    }
}
