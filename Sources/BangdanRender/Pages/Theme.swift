import BangdanCore
import BangdanLoad
import BangdanSite
import Mustache

/// Parsed templates, checked before anything renders: a missing partial or parent would render as empty text
/// without a word, so every `{{> name}}` and `{{< name}}` must name a template that exists.
struct Theme: Sendable {
    let library: [String: Template]
    let assets: [String: [UInt8]]

    /// The templates pages are rendered with; each must exist.
    static let pageTemplates = ["home", "lists", "list", "requirement", "terms", "term", "search", "not-found"]

    /// With a `language`, the interface strings of that language (`{{t.KEY}}`, `{{{t.KEY}}}`) are written into the
    /// template text before parsing, so rendering does not look them up tens of thousands of times; the view
    /// models carry them too, so a template that spells one differently still renders the same. Nothing else is
    /// ever folded: the strings are the project's own tables (UIStrings), never a value from `site.yml` or
    /// content, which stay data and are only ever rendered, escaped, by the engine.
    init(_ files: ThemeFiles, language: Language? = nil) throws {
        let constants = language.map(Self.interfaceConstants) ?? [:]
        var library: [String: Template] = [:]
        for (name, text) in files.templates.sorted(by: { $0.key < $1.key }) {
            do {
                library[name] = try Template(Self.fold(constants, into: text))
            } catch {
                throw BangdanError.template(name: "\(name).mustache", problem: "does not parse: \(error)")
            }
        }
        for name in Self.pageTemplates where files.templates[name] == nil {
            throw BangdanError.template(name: "\(name).mustache", problem: "is missing")
        }
        // The names as the parser read them, so a partial named after a change of delimiters is checked too.
        for (name, template) in library.sorted(by: { $0.key < $1.key }) {
            for reference in template.references.sorted() where library[reference] == nil && !reference.hasPrefix("*") {
                throw BangdanError.template(
                    name: "\(name).mustache", problem: "names the template '\(reference)', which does not exist")
            }
        }
        // A template that includes itself where no data can stop it (outside any section) nests past the engine's
        // limit with no data at all: found here, so `check` refuses what `build` would.
        for (name, template) in library.sorted(by: { $0.key < $1.key }) {
            do {
                _ = try template.render(partials: library) { _ in nil }
            } catch {
                throw BangdanError.template(name: "\(name).mustache", problem: "\(error)")
            }
        }
        self.library = library
        self.assets = files.assets
    }

    /// Every interface string of a language as `t.KEY`. A string with a brace is left out (and looked up at
    /// render time instead), so nothing folded can ever read as, or join the text around it into, a tag.
    static func interfaceConstants(_ language: Language) -> [String: String] {
        var constants: [String: String] = [:]
        for (key, value) in UIStrings.table(language) where !value.contains("{") && !value.contains("}") {
            constants["t." + key] = value
        }
        return constants
    }

    /// Replaces `{{NAME}}` (escaped) and `{{{NAME}}}` (as is) for each constant NAME. A template that changes
    /// the delimiters (`{{=`) is left whole: only the parser can tell its tags apart.
    ///
    /// Read over UTF-8 bytes: braces are ASCII, so where no brace (and no `=` of a `{{=`) touches a byte outside
    /// ASCII (a combining mark after a brace joins it into another character) the bytes find exactly the braces
    /// the characters do. A text where one does is folded character by character (`foldByCharacters`), as it
    /// always was. Foundation's `range(of:)` on a substring cost 67,000 instructions a call, 4 % of a
    /// 1,000-requirement build.
    static func fold(_ constants: [String: String], into text: String) -> String {
        guard !constants.isEmpty else { return text }
        let bytes = Array(text.utf8)
        let isBrace = { (byte: UInt8) in byte == 0x7B || byte == 0x7D }
        for index in bytes.indices where isBrace(bytes[index]) {
            if index > 0 && bytes[index - 1] >= 0x80 || index + 1 < bytes.count && bytes[index + 1] >= 0x80 {
                return foldByCharacters(constants, into: text)
            }
        }
        let open: [UInt8] = [0x7B, 0x7B]
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            var at = start
            while at + needle.count <= bytes.count {
                if bytes[at] == needle[0] && bytes[at..<(at + needle.count)].elementsEqual(needle) { return at }
                at += 1
            }
            return nil
        }
        // `{{=` too is three characters only when no mark joins the `=` to what follows.
        var change = find([0x7B, 0x7B, 0x3D], from: 0), changesDelimiters = false
        while let at = change {
            if at + 3 < bytes.count && bytes[at + 3] >= 0x80 { return foldByCharacters(constants, into: text) }
            changesDelimiters = true
            change = find([0x7B, 0x7B, 0x3D], from: at + 1)
        }
        guard !changesDelimiters, let first = find(open, from: 0) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        var rest = 0
        var next: Int? = first
        while let at = next {
            out += bytes[rest..<at]
            let triple = at + 2 < bytes.count && bytes[at + 2] == 0x7B
            let nameStart = at + (triple ? 3 : 2)
            if let close = find(triple ? [0x7D, 0x7D, 0x7D] : [0x7D, 0x7D], from: nameStart),
                let value = constants[String(decoding: bytes[nameStart..<close], as: UTF8.self)]
            {
                out += (triple ? value : HTML.escape(value)).utf8
                rest = close + (triple ? 3 : 2)
            } else {
                out += open
                rest = at + 2
            }
            next = find(open, from: rest)
        }
        out += bytes[rest...]
        return String(decoding: out, as: UTF8.self)
    }

    /// `fold`, character by character: for a text where a brace touches a byte outside ASCII.
    static func foldByCharacters(_ constants: [String: String], into text: String) -> String {
        guard !constants.isEmpty, text.contains("{{"), !text.contains("{{=") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let triple = rest[open.upperBound...].hasPrefix("{")
            let nameStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            let closer = triple ? "}}}" : "}}"
            if let close = rest[nameStart...].range(of: closer),
                let value = constants[String(rest[nameStart..<close.lowerBound])]
            {
                out += triple ? value : HTML.escape(value)
                rest = rest[close.upperBound...]
            } else {
                out += "{{"
                rest = rest[open.upperBound...]
            }
        }
        return out + rest
    }

    /// The page or card `template` rendered with `context`, a view model (`ViewModels/`). Throws when partials
    /// nest past the engine's limit (a template that includes itself): exit 2, naming it.
    func render(_ template: String, _ context: MustacheValue) throws -> [UInt8] {
        do {
            return try library[template]?.render(context, partials: library) ?? []
        } catch {
            throw BangdanError.template(name: "\(template).mustache", problem: "\(error)")
        }
    }
}

extension Render {
    /// Parses and checks the theme as `render` does before rendering, so that `check` refuses what `build` would
    /// (SCHEMA.md §7): a template that does not parse, a missing page template, a name of no template, a template
    /// that includes itself with nothing to stop it. Throws `BangdanError.template` (exit 2).
    public static func checkTheme(_ files: ThemeFiles, language: Language) throws {
        _ = try Theme(files, language: language)
    }
}
