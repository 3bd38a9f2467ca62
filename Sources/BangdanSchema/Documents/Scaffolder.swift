import BangdanCore
import Foundation

/// Writes the scaffold files of `bangdan new`; never overwrites an existing file.
public enum Scaffolder {
    /// Returns the paths written (the list's `_index.md` too when the list is new).
    public static func write(site: String, listID: String, slug: String) throws -> [String] {
        let content = (site as NSString).appendingPathComponent("content")
        guard FileManager.default.fileExists(atPath: content) else { throw BangdanError.noContent(path: content) }
        let folder = "content/lists/\(listID)"
        let absoluteFolder = (site as NSString).appendingPathComponent(folder)
        let target = "\(folder)/\(slug).md"
        let absoluteTarget = (site as NSString).appendingPathComponent(target)
        if FileManager.default.fileExists(atPath: absoluteTarget) {
            throw BangdanError.writeFailed(
                path: target, reason: "the file exists already; bangdan new never overwrites")
        }
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: absoluteFolder, withIntermediateDirectories: true)
            let index = (absoluteFolder as NSString).appendingPathComponent("_index.md")
            if !FileManager.default.fileExists(atPath: index) {
                try Data(Scaffold.list().utf8).write(to: URL(fileURLWithPath: index), options: .withoutOverwriting)
                written.append("\(folder)/_index.md")
            }
            try Data(Scaffold.requirement().utf8)
                .write(to: URL(fileURLWithPath: absoluteTarget), options: .withoutOverwriting)
            written.append(target)
        } catch {
            throw BangdanError.writeFailed(path: target, reason: error.localizedDescription)
        }
        return written
    }
}
