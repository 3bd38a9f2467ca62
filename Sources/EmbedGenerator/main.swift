import Foundation

// Turns a folder of the repository into one Swift source file, so what it holds is compiled into `bangdan` and the
// binary works wherever it is copied. Run by Plugins/EmbedPlugin on every build; it rewrites OUTPUT only when the
// folder changed, so an unchanged folder recompiles nothing.
//
//     EmbedGenerator theme OUTPUT ROOT STAMP      the default theme (templates/) → enum DefaultTheme
//     EmbedGenerator starter OUTPUT ROOT STAMP    the site `bangdan init` writes (starter/) → enum StarterSite
//
// Theme: what a site's own `templates/` would hold: `ROOT/NAME.mustache` becomes the template NAME and
// `ROOT/assets/FILE` the asset FILE (regular files only; dotfiles, links and other folders are left out).
// Starter: every regular file under ROOT, dotfiles and dot-folders included (`.github/workflows/…`), by relative
// path; all must be UTF-8 text. Text is written as one string literal per file (escaped, so any valid UTF-8
// survives, and the type checker sees a plain literal of a declared type); an asset that is not UTF-8 is written
// as base64.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("EmbedGenerator: \(message)\n".utf8))
    exit(1)
}

/// A Swift string literal on one line whose value is exactly `text`.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            // Controls, DEL, the line and paragraph separators, and the bidi controls are written as escapes so
            // the generated file reads as what it is.
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF
            {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// The regular files directly in `folder`, sorted, without dotfiles.
func regularFiles(_ folder: String) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    return names.filter { !$0.hasPrefix(".") }.sorted().filter { name in
        let type =
            (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.type] as? FileAttributeType
        return type == .typeRegular
    }
}

func read(_ path: String) -> Data {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return data
}

func table(_ name: String, _ entries: [(String, String)], doc: String, access: String = "") -> String {
    let sorted = entries.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    let body = sorted.isEmpty ? ":" : sorted.map { "\n        \(literal($0.0)): \(literal($0.1))," }.joined() + "\n    "
    return "    /// \(doc)\n    \(access)static let \(name): [String: String] = [\(body)]\n"
}

/// Every regular file under `folder`, by path relative to it, sorted; links are left out.
func allFiles(_ folder: String, prefix: String = "") -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    var files: [String] = []
    for name in names.sorted() where name != ".DS_Store" {
        let type =
            (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.type] as? FileAttributeType
        if type == .typeRegular {
            files.append(prefix + name)
        } else if type == .typeDirectory {
            files += allFiles(folder + "/" + name, prefix: prefix + name + "/")
        }
    }
    return files
}

func themeSource(root: String) -> String {
    var templates: [(String, String)] = []
    var textAssets: [(String, String)] = []
    var binaryAssets: [(String, String)] = []

    for name in regularFiles(root) where name.hasSuffix(".mustache") {
        guard let text = String(validating: [UInt8](read(root + "/" + name)), as: UTF8.self) else {
            fail("\(root)/\(name) is not UTF-8 text")
        }
        templates.append((String(name.dropLast(".mustache".count)), text))
    }
    guard !templates.isEmpty else { fail("no templates in \(root)") }
    for name in regularFiles(root + "/assets") {
        let data = read(root + "/assets/" + name)
        if let text = String(validating: [UInt8](data), as: UTF8.self) {
            textAssets.append((name, text))
        } else {
            binaryAssets.append((name, data.base64EncodedString()))
        }
    }

    return """
        // Generated at build time by EmbedGenerator from the repository's templates/ folder. Do not edit: edit
        // templates/ instead.

        /// The default theme, compiled into the binary.
        enum DefaultTheme {
        \(table("templates", templates, doc: "`templates/NAME.mustache` by NAME."))
        \(table("textAssets", textAssets, doc: "`templates/assets/FILE` that are UTF-8 text, by FILE."))
        \(table("binaryAssets", binaryAssets, doc: "The other `templates/assets/FILE`, base64-encoded, by FILE."))
        }

        """
}

func starterSource(root: String) -> String {
    var files: [(String, String)] = []
    for path in allFiles(root) {
        guard let text = String(validating: [UInt8](read(root + "/" + path)), as: UTF8.self) else {
            fail("\(root)/\(path) is not UTF-8 text")
        }
        files.append((path, text))
    }
    guard !files.isEmpty else { fail("no files in \(root)") }
    return """
        // Generated at build time by EmbedGenerator from the repository's starter/ folder. Do not edit: edit
        // starter/ instead.

        /// The site `bangdan init` writes, compiled into the binary.
        public enum StarterSite {
        \(table("files", files, doc: "Every file of `starter/`, by path relative to it.", access: "public "))
        }

        """
}

let arguments = CommandLine.arguments
guard arguments.count == 5, ["theme", "starter"].contains(arguments[1]) else {
    fail("usage: EmbedGenerator theme|starter OUTPUT ROOT STAMP")
}
let output = arguments[2]
let root = arguments[3]
let stamp = arguments[4]
let source = arguments[1] == "theme" ? themeSource(root: root) : starterSource(root: root)
do {
    let url = URL(fileURLWithPath: output)
    // Rewrite only on change, so an unchanged theme does not recompile the module.
    if FileManager.default.contents(atPath: output) != Data(source.utf8) {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(source.utf8).write(to: url, options: .atomic)
    }
    // The stamp is this command's input: changing it makes the next build run the command again (see the plugin).
    let count =
        (try? String(contentsOfFile: stamp, encoding: .utf8)).flatMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        } ?? 0
    try Data("\(count &+ 1)\n".utf8).write(to: URL(fileURLWithPath: stamp))
} catch {
    fail("cannot write \(output): \(error)")
}
