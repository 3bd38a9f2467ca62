import Testing

@testable import Mustache

/// The engine on its own, beyond the spec's tests: the behaviour the default theme and typed view models rely on.
/// (Moved from BangdanTests' TemplateTests when view models became typed.)
@Suite struct TemplateEngineTests {
    func render(_ text: String, _ value: MustacheValue, partials: [String: String] = [:]) throws -> String {
        var library: [String: MustacheTemplate] = [:]
        for (name, source) in partials { library[name] = try MustacheTemplate(source) }
        return String(decoding: try MustacheTemplate(text).render(value, partials: library), as: UTF8.self)
    }

    @Test func escapesVariablesUnlessTripleOrAmpersand() throws {
        let value: MustacheValue = ["x": "<a href=\"'\">&</a>"]
        #expect(try render("{{x}}", value) == "&lt;a href=&quot;&#39;&quot;&gt;&amp;&lt;/a&gt;")
        #expect(try render("{{{x}}}|{{& x}}", value) == "<a href=\"'\">&</a>|<a href=\"'\">&</a>")
    }

    /// Text handed over as UTF-8 bytes renders as the same text as a string does: escaped by `{{x}}`, as is by
    /// `{{{x}}}` and `{{& x}}`, a section once with it as the context, even when it is empty.
    @Test func rendersUTF8BytesAsTheStringOfThem() throws {
        let text = "<p title=\"'中'\">&</p>"
        for template in [
            "{{x}}", "{{{x}}}|{{& x}}", "{{#x}}[{{.}}]{{/x}}{{^x}}none{{/x}}", "{{#e}}E{{/e}}{{^e}}!E{{/e}}",
        ] {
            #expect(
                try render(template, ["x": .utf8(Array(text.utf8)), "e": .utf8([])])
                    == render(template, ["x": .string(text), "e": .string("")]), "\(template)")
        }
        #expect(
            try render("{{x}}", ["x": .utf8(Array(text.utf8))])
                == "&lt;p title=&quot;&#39;中&#39;&quot;&gt;&amp;&lt;/p&gt;")
        #expect(try render("{{x}}", ["x": UTF8Text(Array("a&b".utf8)).mustacheValue]) == "a&amp;b")
    }

    @Test func rendersSectionsByValue() throws {
        let value: MustacheValue = [
            "yes": true, "no": false, "items": [["n": "1"], ["n": "2"]], "empty": [], "person": ["name": "张工"],
            "text": "有",
        ]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}", value) == "Y!N")
        #expect(
            try render("{{#items}}[{{n}}]{{/items}}{{^empty}}none{{/empty}}{{#missing}}M{{/missing}}", value)
                == "[1][2]none")
        #expect(
            try render("{{#person}}{{name}}{{/person}}|{{person.name}}|{{#text}}{{.}}{{/text}}", value) == "张工|张工|有")
    }

    /// A name missing from an item is looked up in the enclosing contexts; a name the item states — even as
    /// null or false — resolves in the item. Typed view models state every key they have for this reason.
    @Test func looksUpOnlyMissingNamesInOuterContexts() throws {
        let value: MustacheValue = [
            "region": "北京", "items": [["name": "a"], ["name": "b", "region": false], ["name": "c", "region": .null]],
        ]
        #expect(
            try render("{{#items}}{{name}}{{#region}}({{region}}){{/region}}[{{region}}];{{/items}}", value)
                == "a(北京)[北京];b[false];c[];")
    }

    /// The same for objects: nil means "no such name" (look further out), `.null` means "stated, no value".
    @Test func looksUpOnlyNamesAnObjectDoesNotStateInOuterContexts() throws {
        struct Row: MustacheObject {
            func mustacheValue(forKey key: String) -> MustacheValue? { key == "region" ? .null : nil }
        }
        let value: MustacheValue = ["region": "北京", "name": "外", "rows": [.object(Row())]]
        #expect(try render("{{#rows}}[{{region}}]{{#region}}!{{/region}}{{name}}{{/rows}}", value) == "[]外")
    }

    /// A list of objects handed over as one value renders as the `.list` of the same objects does: once per item,
    /// a name the item does not state looked up further out, `{{.}}` the item itself, a path through an index, and
    /// nothing (or the inverted section) for an empty one.
    @Test func rendersAListOfObjectsAsTheListOfThem() throws {
        struct Row: MustacheObject {
            let name: String
            let region: MustacheValue?
            func mustacheValue(forKey key: String) -> MustacheValue? {
                switch key {
                case "name": .string(name)
                case "region": region
                default: nil
                }
            }
        }
        final class Rows: MustacheObjectList {
            let rows: [Row]
            init(_ rows: [Row]) { self.rows = rows }
            var count: Int { rows.count }
            func mustacheValue(at index: Int, forKey key: String) -> MustacheValue? {
                rows[index].mustacheValue(forKey: key)
            }
            func item(at index: Int) -> MustacheValue { .object(rows[index]) }
        }
        let rows = [Row(name: "a", region: nil), Row(name: "b", region: .bool(false)), Row(name: "c", region: .null)]
        let template = """
            {{#rows}}{{name}}{{#region}}({{region}}){{/region}}[{{region}}]{{#.}}<{{name}}>{{/.}};{{/rows}}\
            {{^rows}}none{{/rows}}|{{rows.1.name}}|{{rows.3.name}}|{{#empty}}E{{/empty}}{{^empty}}!E{{/empty}}
            """
        let asObjects: MustacheValue = ["region": "北京", "rows": .objects(Rows(rows)), "empty": .objects(Rows([]))]
        let asList: MustacheValue = ["region": "北京", "rows": .list(rows.map { .object($0) }), "empty": .list([])]
        #expect(try render(template, asObjects) == "a(北京)[北京]<a>;b[false]<b>;c[]<c>;|b||!E")
        #expect(try render(template, asObjects) == render(template, asList))
    }

    @Test func removesStandaloneTagLines() throws {
        let text = "<ul>\n  {{#items}}\n  <li>{{n}}</li>\n  {{/items}}\n</ul>\n{{! a comment }}\nend"
        #expect(try render(text, ["items": [["n": "1"]]]) == "<ul>\n  <li>1</li>\n</ul>\nend")
    }

    @Test func fillsParentBlocksWithTheMostDerivedOverride() throws {
        let partials = [
            "base": "<title>{{$title}}base{{/title}}</title><main>{{$content}}{{/content}}</main>",
            "layout": "{{<base}}{{$title}}layout{{/title}}{{$content}}layout content{{/content}}{{/base}}",
            "card": "<b>{{name}}</b>",
        ]
        let page = "{{<layout}}{{$content}}{{> card}}{{/content}}{{/layout}}"
        #expect(try render(page, ["name": "页"], partials: partials) == "<title>layout</title><main><b>页</b></main>")
    }

    @Test func refusesUnbalancedSections() {
        #expect(throws: MustacheTemplate.ParseError.self) { try MustacheTemplate("{{#a}}never closed") }
        #expect(throws: MustacheTemplate.ParseError.self) { try MustacheTemplate("{{/a}}") }
        #expect(throws: MustacheTemplate.ParseError.self) { try MustacheTemplate("{{#a}}{{/b}}") }
        #expect(throws: MustacheTemplate.ParseError.self) { try MustacheTemplate("{{unclosed") }
    }

    @Test func neverInterpretsTemplateSyntaxInValues() throws {
        #expect(try render("{{x}}", ["x": "{{y}}", "y": "leak"]) == "{{y}}")
    }

    @Test func refusesMalformedTags() {
        #expect(throws: MustacheTemplate.ParseError.self) { try MustacheTemplate("{{}}") }
        #expect(throws: MustacheTemplate.ParseError.self) { try MustacheTemplate("{{# }}{{/ }}") }
        #expect(throws: MustacheTemplate.ParseError.self) { try MustacheTemplate("{{=<% %>}}") }
        #expect(throws: MustacheTemplate.ParseError.self) { try MustacheTemplate("{{=<%=}}") }
        #expect(throws: MustacheTemplate.ParseError.self) {
            try MustacheTemplate("{{<parent}}{{$block}}never closed{{/parent}}")
        }
    }

    // MARK: Values

    @Test func rendersEveryKindOfValue() throws {
        let value: MustacheValue = [
            "n": 85, "x": 1.21, "whole": 2.0, "yes": true, "none": .null, "markup": .html("<b>&amp;</b>"),
            "list": ["a", 1, 2.5], "map": ["k": "v"],
        ]
        #expect(
            try render("{{n}} {{x}} {{whole}} {{yes}} [{{none}}] {{markup}} {{{markup}}}", value)
                == "85 1.21 2 true [] <b>&amp;</b> <b>&amp;</b>")
        #expect(
            try render("{{#list}}({{.}}){{/list}} [{{list}}] [{{map}}] {{map.k}} {{list.1}}", value)
                == "(a)(1)(2.5) [] [] v 1")
        #expect(try render("{{#none}}N{{/none}}{{^none}}!N{{/none}}{{#n}}{{.}}{{/n}}", value) == "!N85")
    }

    @Test func rendersTypedValuesThroughTheProtocols() throws {
        struct Page: MustacheRenderable {
            var title: String
            var tags: [String]
            var note: String?
            var mustacheValue: MustacheValue {
                ["title": title.mustacheValue, "tags": tags.mustacheValue, "note": note.mustacheValue]
            }
        }
        let page = Page(title: "<需求>", tags: ["节能", "输送"], note: nil)
        let output = try MustacheTemplate("{{title}}:{{#tags}}[{{.}}]{{/tags}}{{^note}}-{{/note}}").render(page)
        #expect(String(decoding: output, as: UTF8.self) == "&lt;需求&gt;:[节能][输送]-")
    }

    /// A lazy object: only the fields a template names are asked for, and a missing one is looked up outwards.
    @Test func looksUpObjectFieldsOnDemand() throws {
        struct Counter: MustacheObject {
            let field: String
            func mustacheValue(forKey key: String) -> MustacheValue? { key == field ? .string(key.uppercased()) : nil }
        }
        let value: MustacheValue = ["outer": "O", "object": .object(Counter(field: "inner"))]
        #expect(
            try render("{{#object}}{{inner}}{{outer}}{{/object}}|{{object.inner}}|{{object.outer}}|", value)
                == "INNERO|INNER||")
    }

    // MARK: Layout

    /// `{{< layout}}{{$ content}}` alone on the first line, as the default theme's pages begin: the content starts
    /// on the next line, and the closing `{{/ content}}{{/ layout}}` line leaves no newline behind.
    @Test func removesTheLinesOfAParentAndItsBlocks() throws {
        let partials = ["layout": "<main>\n{{$content}}{{/content}}\n</main>\n"]
        #expect(
            try render("{{<layout}}{{$content}}\n<h1>T</h1>\n{{/content}}{{/layout}}\n", [:], partials: partials)
                == "<main>\n<h1>T</h1>\n\n</main>\n")
    }

    @Test func indentsStandalonePartialsLineByLine() throws {
        let partials = [
            "item": "<li>\n  {{name}}\n</li>\n", "list": "<ul>\n  {{#items}}\n  {{> item}}\n  {{/items}}\n</ul>\n",
        ]
        #expect(
            try render("<div>\n  {{> list}}\n</div>\n", ["items": [["name": "a\nb"]]], partials: partials)
                == "<div>\n  <ul>\n    <li>\n      a\nb\n    </li>\n  </ul>\n</div>\n")
    }

    /// A block inside a partial of the parent is filled too, and a standalone partial in the parent is indented.
    @Test func fillsBlocksInsideThePartialsOfAParent() throws {
        let partials = [
            "layout": "<body>\n  {{> header}}\n</body>\n", "header": "<h1>\n{{$title}}default{{/title}}\n</h1>\n",
        ]
        #expect(
            try render("{{<layout}}{{$title}}T{{/title}}{{/layout}}", [:], partials: partials)
                == "<body>\n  <h1>\n  T\n  </h1>\n</body>\n")
    }

    @Test func blockGivenContentThatNamesItselfRendersOnce() throws {
        let partials = ["parent": "[{{$b}}default{{/b}}]"]
        #expect(
            try render("{{<parent}}{{$b}}given {{$b}}inner{{/b}}{{/b}}{{/parent}}", [:], partials: partials)
                == "[given inner]")
    }

    @Test func setDelimitersApplyToTheRestOfTheTemplateOnly() throws {
        let partials = ["p": "{{x}}<%x%>"]
        #expect(
            try render("{{=<% %>=}}<%x%>{{x}}<%> p%><%={{ }}=%>{{x}}", ["x": "1"], partials: partials)
                == "1{{x}}1<%x%>1")
    }
}
