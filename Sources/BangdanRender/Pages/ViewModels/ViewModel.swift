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

/// Names to values for the lookups every variable of every page makes: open addressing on a hash of a few of the
/// name's bytes, where `Dictionary` seeds and runs SipHash over all of them for each lookup. A name is found by its
/// bytes: written in another, canonically equivalent form it is not (template names are ASCII).
struct NameTable<Value: Sendable>: Sendable {
    private let names: [String]
    private let values: [Value]
    /// Indexes into `names` and `values`, −1 where empty; a power of two long, at most a quarter full.
    private let slots: [Int32]

    /// `pairs` with distinct names (a later repeat of a name is ignored).
    init(_ pairs: [(String, Value)]) {
        var size = 4
        while size < pairs.count * 4 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        var names: [String] = [], values: [Value] = []
        for (name, value) in pairs {
            var slot = Self.hash(name) & (size - 1)
            while slots[slot] >= 0 && names[Int(slots[slot])] != name { slot = (slot + 1) & (size - 1) }
            guard slots[slot] < 0 else { continue }
            slots[slot] = Int32(names.count)
            names.append(name)
            values.append(value)
        }
        self.names = names
        self.values = values
        self.slots = slots
    }

    subscript(name: String) -> Value? {
        var slot = Self.hash(name) & (slots.count - 1)
        while true {
            let index = Int(slots[slot])
            guard index >= 0 else { return nil }
            if names[index] == name { return values[index] }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// From the name's length and its first, middle and last bytes: enough to spread the few dozen names of a
    /// view model (the comparison settles the rest), and a few loads where hashing every byte was a tenth of
    /// rendering.
    ///
    /// The bytes are read in place (every native string, small ones too, has them contiguous): `utf8.last` and
    /// an index offset through the view cost a hundred instructions a lookup, a fifth of it.
    private static func hash(_ name: String) -> Int {
        name.utf8.withContiguousStorageIfAvailable(hash(bytes:))
            ?? Array(name.utf8).withUnsafeBufferPointer(hash(bytes:))
    }

    private static func hash(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        guard count > 0 else { return 0 }
        let (first, middle, last) = (bytes[0], bytes[count / 2], bytes[count - 1])
        var h = count &* 0x9E37_79B1 ^ Int(first) &* 0x85EB_CA77 ^ Int(last) &* 0xC2B2_AE3D ^ Int(middle) &* 0x27D4_EB2F
        h ^= h >> 15
        return h
    }
}

extension ViewModel {
    func mustacheValue(forKey name: String) -> MustacheValue? {
        // Not `.map(value(for:))`: the partially applied method would copy the whole view model on every lookup.
        guard let key = Key.byName[name] else { return nil }
        return value(for: key)
    }
    var mustacheValue: MustacheValue { .object(self) }
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
