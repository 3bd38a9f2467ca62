import Foundation

// Turns the repository's top-level `templates/` folder (the default theme) into one Swift source file, so the
// theme is compiled into `bangdan` and the binary works wherever it is copied. Run by Plugins/ThemePlugin on every
// build; it rewrites OUTPUT only when the theme changed, so an unchanged theme recompiles nothing.
//
//     ThemeGenerator OUTPUT ROOT STAMP
//
// It reads what a site's own `templates/` would hold: `ROOT/NAME.mustache` becomes the template NAME and
// `ROOT/assets/FILE` the asset FILE (regular files only; dotfiles, links and other folders are left out). Text is
// written as one string literal per file (escaped, so any valid UTF-8 survives, and the type checker sees a plain
// literal of a declared type); an asset that is not UTF-8 is written as base64.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ThemeGenerator: \(message)\n".utf8))
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

let arguments = CommandLine.arguments
guard arguments.count == 4 else { fail("usage: ThemeGenerator OUTPUT ROOT STAMP") }
let output = arguments[1]
let root = arguments[2]
let stamp = arguments[3]
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

func table(_ name: String, _ entries: [(String, String)], doc: String) -> String {
    let sorted = entries.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    let body = sorted.isEmpty ? ":" : sorted.map { "\n        \(literal($0.0)): \(literal($0.1))," }.joined() + "\n    "
    return "    /// \(doc)\n    static let \(name): [String: String] = [\(body)]\n"
}

let source = """
    // Generated at build time by ThemeGenerator from the repository's templates/ folder. Do not edit: edit
    // templates/ instead.

    /// The default theme, compiled into the binary.
    enum DefaultTheme {
    \(table("templates", templates, doc: "`templates/NAME.mustache` by NAME."))
    \(table("textAssets", textAssets, doc: "`templates/assets/FILE` that are UTF-8 text, by FILE."))
    \(table("binaryAssets", binaryAssets, doc: "The other `templates/assets/FILE`, base64-encoded, by FILE."))
    }

    """
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
