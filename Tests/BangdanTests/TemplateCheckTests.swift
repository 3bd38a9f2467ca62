import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore

/// SCHEMA.md §7: what `build` would refuse about templates, `check` refuses too (exit 2, naming the template);
/// names of partials are read by the parser, not by a text search; a template that includes itself endlessly is
/// reported, never a crash.
@Suite struct TemplateCheckTests {
    let cli = CommandLineTests()

    func expectBothRefuse(
        _ site: FixtureSite, naming phrase: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for command in ["check", "build"] {
            let run = try cli.run([command, "--site", site.root])
            #expect(run.status == 2, "\(command): \(run.status) \(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains(phrase), "\(command): \(run.stderr)", sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: site.output), sourceLocation: sourceLocation)
    }

    @Test func checkRefusesATemplateThatDoesNotParse() throws {
        let site = try FixtureSite(["templates/card.mustache": "<p>{{#title}}{{title}}</p>"])
        try expectBothRefuse(site, naming: "模板 card.mustache：does not parse")
    }

    @Test func checkRefusesAPartialNamedAfterADelimiterChange() throws {
        let site = try FixtureSite(["templates/badge.mustache": "{{=<% %>=}}<span><%> nowhere%></span>"])
        try expectBothRefuse(site, naming: "badge.mustache：names the template 'nowhere', which does not exist")
    }

    @Test func refusesATemplateThatIncludesItselfWithoutEnd() throws {
        let site = try FixtureSite(["templates/badge.mustache": "<span>{{> badge}}</span>"])
        try expectBothRefuse(site, naming: "模板 badge.mustache：partials and parents nest more than 100 levels")
    }

    /// Only the data can tell that this one never ends (the site's title is always there): `build` stops at the
    /// engine's limit and names the page's template, instead of overflowing the stack.
    @Test func buildStopsATemplateThatIncludesItselfWhileTheDataSaysYes() throws {
        let site = try FixtureSite(["templates/badge.mustache": "{{#site_title}}<i>{{> badge}}</i>{{/site_title}}"])
        let run = try cli.run(["build", "--site", site.root])
        #expect(run.status == 2, "\(run.status) \(run.stderr)")
        #expect(run.stderr.contains(".mustache：partials and parents nest more than 100 levels deep at 'badge'"))
        #expect(!FileManager.default.fileExists(atPath: site.output))
    }
}
