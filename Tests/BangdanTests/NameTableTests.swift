import Testing

@testable import BangdanCore
@testable import BangdanRender

struct NameTableTests {
    /// Every name finds its value, however many share a slot; a name not in the table finds nothing.
    @Test func findsEveryNameAndNothingElse() {
        let names = (0..<500).map { "key_\($0)" } + ["", "t", "标题", "status_class", "a\u{301}"]
        let table = NameTable(names.enumerated().map { ($1, $0) })
        for (value, name) in names.enumerated() { #expect(table[name] == value, "\(name)") }
        for missing in ["key_500", "T", "status", "key_1 ", "标"] { #expect(table[missing] == nil, "\(missing)") }
    }

    @Test func anEmptyTableAndARepeatedName() {
        #expect(NameTable<Int>([])["x"] == nil)
        let table = NameTable([("a", 1), ("a", 2), ("b", 3)])
        #expect(table["a"] == 1)
        #expect(table["b"] == 3)
    }

    /// Every view model key is found by its template name.
    @Test func viewModelKeysAreFoundByName() {
        for key in Card.Key.allCases { #expect(Card.Key.byName[key.rawValue] == key) }
        for key in RequirementPage.Key.allCases { #expect(RequirementPage.Key.byName[key.rawValue] == key) }
    }
}
