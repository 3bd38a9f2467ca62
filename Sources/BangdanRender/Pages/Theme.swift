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
        for (name, text) in files.templates.sorted(by: { $0.key < $1.key }) {
            for reference in Self.references(in: text) where files.templates[reference] == nil {
                throw BangdanError.template(
                    name: "\(name).mustache", problem: "names the template '\(reference)', which does not exist")
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
    static func fold(_ constants: [String: String], into text: String) -> String {
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

    /// Names after `{{>` (partials) and `{{<` (parents).
    static func references(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let sigil = rest.first, sigil == ">" || sigil == "<" else { continue }
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingWhitespace
            if !name.isEmpty && !name.hasPrefix("*") { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// The page or card `template` rendered with `context`, a view model (`ViewModels/`).
    func render(_ template: String, _ context: MustacheValue) -> [UInt8] {
        library[template]?.render(context, partials: library) ?? []
    }
}
