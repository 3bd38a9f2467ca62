import Testing

@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSchema

/// SCHEMA.md §5: parent chains are walked once, however deep, and every cycle is still reported on each member.
@Suite struct VocabularyChainTests {
    /// `r0` at the top, `r1` under it, … `r<depth-1>` at the bottom; `cycle` adds a parent to `r0`.
    static func chain(_ depth: Int, rootParent: String? = nil) -> String {
        var text = "r0:\n  name: 地区0\n" + (rootParent.map { "  parent: \($0)\n" } ?? "")
        for i in 1..<depth { text += "r\(i):\n  name: 地区\(i)\n  parent: r\(i - 1)\n" }
        return text
    }

    @Test func checksA50000TermChainAndRollsTheDeepestUpToTheTop() throws {
        let depth = 50_000
        let site = try FixtureSite([
            "content/regions.yml": Self.chain(depth) + "shandong:\n  name: 山东省\n",
            "\(listPath)/deep.md": requirement("region: r\(depth - 1)"),
        ])
        let checked = try site.check()
        // Only the first term past the ninth level is an error (at its `parent:`); the chain is still walked whole.
        let tooDeep = expectDiagnostic(
            checked.diagnostics.filter { $0.severity == .error }, .vocabularyInvalid, path: "content/regions.yml",
            line: 26, column: 3)
        #expect(tooDeep?.message(in: .zhCN).contains("'r8' 位于第 9 层（r0 → r1 → … → r8）：词表最多 8 层") == true)
        // The resolved model is not built past an error: the vocabulary itself is walked.
        let text = Self.chain(depth) + "shandong:\n  name: 山东省\n"
        let root = try #require(
            Loader.parse(bytes: Array(text.utf8), path: "content/regions.yml", role: .vocabulary(.regions)).file.yaml?
                .root)
        let regions = Decode.vocabulary(.regions, root, path: "content/regions.yml").0
        let lineage = regions.lineage(of: "r\(depth - 1)")
        #expect(lineage.count == depth)
        #expect(lineage.first == "r\(depth - 1)")
        #expect(lineage.last == "r0")
        #expect(regions.root(of: "r\(depth - 1)") == "r0")
        #expect(regions.depth(of: "r\(depth - 1)") == depth - 1)
        #expect(regions.depth(of: "r0") == 0)
        #expect(regions.children(of: "r10").map(\.id) == ["r11"])
        #expect(regions.children(of: nil).map(\.id) == ["r0", "shandong"])
    }

    /// Pages nest one level of a vocabulary per step: eight levels check and build, a ninth is refused at its
    /// `parent:` (content can never make a template fail, SCHEMA.md §7).
    @Test func buildsEightLevelsAndRefusesANinth() throws {
        let eight = try FixtureSite([
            "content/regions.yml": Self.chain(8) + "shandong:\n  name: 山东省\n",
            "\(listPath)/deep.md": requirement("region: r7"),
        ])
        try eight.build()
        #expect(eight.exists("regions/r7/index.html"))
        let nine = try FixtureSite([
            "content/regions.yml": Self.chain(9) + "shandong:\n  name: 山东省\n",
            "\(listPath)/deep.md": requirement("region: r8"),
        ])
        expectDiagnostic(try nine.diagnostics(), .vocabularyInvalid, path: "content/regions.yml", line: 26, column: 3)
    }

    @Test func reportsEveryMemberOfA50000TermCycleOnce() throws {
        let depth = 50_000
        let site = try FixtureSite(["content/regions.yml": Self.chain(depth, rootParent: "r\(depth - 1)")])
        let cycles = try site.diagnostics().filter { $0.rule == .vocabularyInvalid }
        #expect(cycles.count == depth)
        // Each at its own `parent:` value; r0's is the third line of the file.
        #expect(cycles.first?.line == 3)
        #expect(Set(cycles.map(\.line)).count == depth)
        // A long cycle is shortened in the middle, so the messages stay short.
        #expect(
            cycles.first?.message(in: .en)
                == "the parents of 'r0' form a cycle: r0 → r49999 → r49998 → r49997 → … → r3 → r2 → r1 → r0")
    }

    @Test func showsAShortCycleWholeFromEachMember() throws {
        let text =
            "a:\n  name: A\n  parent: c\nb:\n  name: B\n  parent: a\nc:\n  name: C\n  parent: b\n"
            + "tail:\n  name: T\n  parent: a\nself:\n  name: S\n  parent: self\n"
        let site = try FixtureSite(["content/industries.yml": text])
        let cycles = try site.diagnostics().filter { $0.rule == .vocabularyInvalid }
        #expect(
            cycles.map { $0.message(in: .en) } == [
                "the parents of 'a' form a cycle: a → c → b → a",
                "the parents of 'b' form a cycle: b → a → c → b",
                "the parents of 'c' form a cycle: c → b → a → c",
                "the parents of 'self' form a cycle: self → self",
            ])
        #expect(cycles.map(\.line) == [3, 6, 9, 15])
        // A term that leads into a cycle is not on it: its lineage holds the cycle once.
        let vocabulary = Vocabulary(
            kind: .industries,
            terms: [
                Term(id: "a", name: "A", parent: "c"), Term(id: "b", name: "B", parent: "a"),
                Term(id: "c", name: "C", parent: "b"), Term(id: "tail", name: "T", parent: "a"),
            ])
        #expect(vocabulary.lineage(of: "tail") == ["tail", "a", "c", "b"])
        #expect(vocabulary.lineage(of: "b") == ["b", "a", "c"])
        #expect(vocabulary.parentCycle(of: "tail") == nil)
    }
}
