import BangdanLoad
import Testing

/// The caret display's reader reads content files, so it lives with the loader (`BangdanLoad`), usable without
/// the build stage.
@Suite struct SourceLinesTests {
    @Test func theLoaderReadsTheLinesOfAContentFile() throws {
        let site = try FixtureSite()
        var lines = BangdanLoad.SourceLines(site: site.root)
        #expect(lines.line("content/site.yml", 1) == "title: 测试榜单网")
        #expect(lines.line("content/site.yml", 99) == nil)
        #expect(lines.line("content/lists/2022-test/_index.md", 2) == "title: 测试榜单")
    }
}
