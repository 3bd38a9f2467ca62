import Testing

@testable import Mustache

/// What the engine adds to the spec for templates it does not trust: it names the templates a template refers
/// to, as the parser read them, and it stops, reporting, when partials nest without end.
@Suite struct MustacheLimitsTests {
    @Test func listsEveryPartialAndParentItRefersTo() throws {
        let text = """
            {{> top}}{{#s}}{{> in-section}}{{/s}}{{^n}}{{> in-inverted}}{{/n}}
            {{$block}}{{> in-default}}{{/block}}
            {{<parent}}{{$slot}}{{> in-given-block}}{{/slot}}{{/parent}}
            {{=<% %>=}}<%> after-delimiters%> <%<other-parent%><%/other-parent%>
            """
        #expect(
            try MustacheTemplate(text).references == [
                "top", "in-section", "in-inverted", "in-default", "parent", "in-given-block", "after-delimiters",
                "other-parent",
            ])
        #expect(try MustacheTemplate("{{x}} {{! {{> not-a-tag}} }}").references.isEmpty)
    }

    /// `p1` includes `p2`, … `p<depth>`, which says `x`.
    static func chain(_ depth: Int) throws -> [String: MustacheTemplate] {
        var partials: [String: MustacheTemplate] = [:]
        for i in 1..<depth { partials["p\(i)"] = try MustacheTemplate("{{> p\(i + 1)}}") }
        partials["p\(depth)"] = try MustacheTemplate("x")
        return partials
    }

    @Test func rendersPartialsNestedUpToTheLimit() throws {
        let partials = try Self.chain(MustacheTemplate.nestingLimit)
        #expect(try MustacheTemplate("{{> p1}}").render(.null, partials: partials) == Array("x".utf8))
    }

    @Test func stopsAndReportsPastTheLimit() throws {
        let partials = try Self.chain(MustacheTemplate.nestingLimit + 1)
        #expect(throws: MustacheTemplate.NestingError(name: "p101", limit: 100)) {
            try MustacheTemplate("{{> p1}}").render(.null, partials: partials)
        }
    }

    @Test func stopsATemplateThatIncludesItselfWithNothingToStopIt() throws {
        let partials = [
            "loop": try MustacheTemplate("[{{> loop}}]"),
            "truthy": try MustacheTemplate("{{#yes}}{{> truthy}}{{/yes}}"),
            "parent": try MustacheTemplate("{{<parent}}{{/parent}}"),
        ]
        let data = MustacheValue.map(["yes": .bool(true)])
        for name in partials.keys.sorted() {
            #expect(throws: MustacheTemplate.NestingError(name: name, limit: 100)) {
                try MustacheTemplate("{{> \(name)}}").render(data, partials: partials)
            }
        }
        // Recursion the data ends renders (the spec's own case, a tree).
        let tree = ["node": try MustacheTemplate("{{content}}<{{#nodes}}{{> node}}{{/nodes}}>")]
        let data2 = MustacheValue.map([
            "content": .string("X"), "nodes": .list([.map(["content": .string("Y"), "nodes": .list([])])]),
        ])
        #expect(try MustacheTemplate("{{> node}}").render(data2, partials: tree) == Array("X<Y<>>".utf8))
    }
}
