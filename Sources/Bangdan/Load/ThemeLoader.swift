import Foundation

/// The texts of the templates and the bytes of the assets: the defaults that ship with Bangdan, overridden file
/// by file by a site's own `templates/` (`templates/NAME.mustache`, `templates/assets/FILE`).
public struct ThemeFiles: Sendable {
    public var templates: [String: String]
    public var assets: [String: [UInt8]]

    public var fingerprint: UInt64 {
        var f = Fingerprint()
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) { f.add(name); f.add(text) }
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) { f.add(name); f.add(bytes) }
        return f.value
    }
}

public enum ThemeLoader {
    public static func load(site: String) throws -> ThemeFiles {
        guard let defaults = Bundle.module.url(forResource: "Theme", withExtension: nil)?.path else {
            throw BangdanError.unreadable(path: "Theme", reason: "the default templates are missing from the installation")
        }
        var theme = ThemeFiles(templates: [:], assets: [:])
        try read(root: defaults + "/templates", assets: defaults + "/assets", into: &theme)
        let own = (site as NSString).appendingPathComponent("templates")
        try read(root: own, assets: own + "/assets", into: &theme)
        return theme
    }

    private static func read(root: String, assets: String, into theme: inout ThemeFiles) throws {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: root)) ?? [] where name.hasSuffix(".mustache") {
            let path = root + "/" + name
            guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw BangdanError.unreadable(path: path, reason: "not a UTF-8 text file")
            }
            theme.templates[String(name.dropLast(".mustache".count))] = text
        }
        for name in (try? fm.contentsOfDirectory(atPath: assets)) ?? [] where !name.hasPrefix(".") {
            guard let data = fm.contents(atPath: assets + "/" + name) else {
                throw BangdanError.unreadable(path: assets + "/" + name, reason: "cannot read")
            }
            theme.assets[name] = [UInt8](data)
        }
    }
}
