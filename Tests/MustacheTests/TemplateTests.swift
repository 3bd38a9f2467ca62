import Testing
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
        let context: [String: Any] = ["yes": true, "no": false, "items": [["n": "1"], ["n": "2"]], "empty": [[String: Any]](),
                                      "person": ["name": "张工"], "text": "有"]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}", context) == "Y!N")
        #expect(try render("{{#items}}[{{n}}]{{/items}}{{^empty}}none{{/empty}}{{#missing}}M{{/missing}}", context) == "[1][2]none")
        #expect(try render("{{#person}}{{name}}{{/person}}|{{person.name}}|{{#text}}{{.}}{{/text}}", context) == "张工|张工|有")
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
}
