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
