import BangdanCore
import Mustache

/// A typed view model: display-ready values for a template, and the names the template knows them by.
///
/// `Key` lists every name the template uses (the raw value is the name as the template spells it) and
/// `value(for:)` answers each with an exhaustive switch, so a view model states every one of its names — `.null`
/// where there is no value — and never lets Mustache's context lookup find that name in an outer context (a
/// present key resolves where it is, even when its value is null). A name that is not a key (`t`, `base`) is
/// looked up in the enclosing contexts. Values are computed when a template asks: a view model is rendered as an
/// object, never converted whole.
protocol ViewModel: MustacheObject, MustacheRenderable {
    associatedtype Key: ViewModelKey
    func value(for key: Key) -> MustacheValue
}

/// The names of a view model, found by the template's spelling with one hash lookup.
protocol ViewModelKey: RawRepresentable<String>, CaseIterable, Hashable, Sendable {
    /// Every key by its name; each key type stores `static let byName = index()`.
    static var byName: NameTable<Self> { get }
}

extension ViewModelKey {
    static func index() -> NameTable<Self> { NameTable(allCases.map { ($0.rawValue, $0) }) }
}

extension ViewModel {
    /// Inlined into each view model's witness (a 1000-requirement build: 1,801.2 → 1,799.4 M instructions).
    @inline(__always)
    func mustacheValue(forKey name: String) -> MustacheValue? {
        // Not `.map(value(for:))`: the partially applied method would copy the whole view model on every lookup.
        guard let key = Key.byName[name] else { return nil }
        return value(for: key)
    }
    var mustacheValue: MustacheValue { .object(self) }
}

/// View models a template sees as a list, each looked up where the array holds it: a section over them boxes no
/// item and copies none of their fields, as a `.list` of `.object`s did (a 1000-requirement build: 575,618 → 527,311
/// allocations, 1,764 → 1,735 M instructions).
///
/// The lookup is a closure made where the items' type is known, so it runs code specialized for that type: a
/// generic list type's methods, called through the protocol, run unspecialized, looking up the type's metadata and
/// copying each item through it (that build took 4 % more instructions than with the boxes).
final class ViewModelList: MustacheObjectList {
    let count: Int
    /// The field of the item at an index, or (for a nil name) the item itself.
    let field: @Sendable (_ index: Int, _ name: String?) -> MustacheValue?

    init(count: Int, field: @escaping @Sendable (_ index: Int, _ name: String?) -> MustacheValue?) {
        self.count = count
        self.field = field
    }

    func mustacheValue(at index: Int, forKey key: String) -> MustacheValue? { field(index, key) }
    func item(at index: Int) -> MustacheValue { field(index, nil) ?? .null }
}

extension Array where Element: ViewModel {
    /// Chosen over `Array.mustacheValue` (a `.list` of boxed items) wherever the items are known to be view models.
    var mustacheValue: MustacheValue {
        .objects(
            ViewModelList(count: count) { [self] index, name in
                guard let name else { return .object(self[index]) }
                guard let key = Element.Key.byName[name] else { return nil }
                return self[index].value(for: key)
            })
    }
}

/// A view model on top of the values every page shares: its own names first, then the frame's. (The two must not
/// share a name; a test checks.)
struct Framed<Content: MustacheObject, Frame: MustacheObject>: MustacheObject, MustacheRenderable {
    let content: Content
    let frame: Frame

    func mustacheValue(forKey name: String) -> MustacheValue? {
        content.mustacheValue(forKey: name) ?? frame.mustacheValue(forKey: name)
    }
    var mustacheValue: MustacheValue { .object(self) }
}
