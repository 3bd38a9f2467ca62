import Testing

@testable import BangdanRender
@testable import Mustache

/// The template engine on its own: the Mustache behaviour the default templates rely on.
@Suite struct TemplateTests {
    func render(_ text: String, _ context: [String: Any], partials: [String: String] = [:]) throws -> String {
        var library: [String: Template] = [:]
        for (name, source) in partials { library[name] = try Template(source) }
        return String(decoding: try Template(text).render(context, library: library), as: UTF8.self)
    }

    @Test func escapesVariablesUnlessTripleOrAmpersand() throws {
        let context: [String: Any] = ["x": "<a href=\"'\">&</a>"]
        #expect(try render("{{x}}", context) == "&lt;a href=&quot;&#39;&quot;&gt;&amp;&lt;/a&gt;")
        #expect(try render("{{{x}}}|{{& x}}", context) == "<a href=\"'\">&</a>|<a href=\"'\">&</a>")
    }

    @Test func rendersSectionsByValue() throws {
        let context: [String: Any] = [
            "yes": true, "no": false, "items": [["n": "1"], ["n": "2"]], "empty": [[String: Any]](),
            "person": ["name": "张工"], "text": "有",
        ]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}", context) == "Y!N")
        #expect(
            try render("{{#items}}[{{n}}]{{/items}}{{^empty}}none{{/empty}}{{#missing}}M{{/missing}}", context)
                == "[1][2]none")
        #expect(
            try render("{{#person}}{{name}}{{/person}}|{{person.name}}|{{#text}}{{.}}{{/text}}", context) == "张工|张工|有")
    }

    @Test func looksUpMissingNamesInOuterContexts() throws {
        // The behaviour view models guard against with explicit false values.
        let context: [String: Any] = ["region": "北京", "items": [["name": "a"], ["name": "b", "region": false]]]
        #expect(try render("{{#items}}{{name}}{{#region}}({{region}}){{/region}};{{/items}}", context) == "a(北京);b;")
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
        #expect(throws: Template.ParseError.self) { try Template("{{#a}}never closed") }
        #expect(throws: Template.ParseError.self) { try Template("{{/a}}") }
        #expect(throws: Template.ParseError.self) { try Template("{{#a}}{{/b}}") }
        #expect(throws: Template.ParseError.self) { try Template("{{unclosed") }
    }

    @Test func neverInterpretsTemplateSyntaxInValues() throws {
        #expect(try render("{{x}}", ["x": "{{y}}", "y": "leak"]) == "{{y}}")
    }

    @Test func refusesMalformedTags() {
        #expect(throws: Template.ParseError.self) { try Template("{{}}") }
        #expect(throws: Template.ParseError.self) { try Template("{{# }}{{/ }}") }
        #expect(throws: Template.ParseError.self) { try Template("{{=<% %>}}") }
        #expect(throws: Template.ParseError.self) { try Template("{{=<%=}}") }
        #expect(throws: Template.ParseError.self) { try Template("{{<parent}}{{$block}}never closed{{/parent}}") }
    }

    // MARK: Values

    func render(_ text: String, _ value: MustacheValue, partials: [String: String] = [:]) throws -> String {
        var library: [String: MustacheTemplate] = [:]
        for (name, source) in partials { library[name] = try MustacheTemplate(source) }
        return String(decoding: try MustacheTemplate(text).render(value, partials: library), as: UTF8.self)
    }

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

    @Test func convertsEveryShapeOfViewModel() throws {
        let context: [String: Any] = [
            "rows": [["a": "1"], ["a": "2"]], "words": ["x", "y"], "mixed": ["s", 3, true],
            "n": 7, "d": 0.5, "strings": ["k": "v"], "other": Character("c"),
        ]
        #expect(
            try render(
                "{{#rows}}{{a}}{{/rows}}|{{#words}}{{.}}{{/words}}|{{#mixed}}{{.}}{{/mixed}}|{{n}} {{d}}|{{strings.k}}",
                context)
                == "12|xy|s3true|7 0.5|v")
        #expect(
            try render("[{{other}}]{{#other}}shown{{/other}}", context) == "[]", "an unknown type renders as nothing")
    }

    @Test func escapesAsTheFoldedConstantsAre() {
        let text = "<a href=\"x\" title='y'>&</a> 中文"
        #expect(MustacheTemplate.escape(text) == HTML.escape(text))
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
        let context: [String: Any] = ["items": [["name": "a\nb"]]]
        #expect(
            try render("<div>\n  {{> list}}\n</div>\n", context, partials: partials)
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
