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

/// Names to values for the lookups every variable of every page makes: open addressing on FNV-1a of the name's
/// few bytes, where `Dictionary` seeds and runs SipHash for each lookup (a tenth of rendering went to hashing).
/// A name is found by its bytes' hash: written in another, canonically equivalent form it is not (template names
/// are ASCII).
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

    private static func hash(_ name: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hashed: Void? = name.utf8.withContiguousStorageIfAvailable { bytes -> Void in
            for byte in bytes { add(byte) }
        }
        if hashed == nil {
            for byte in name.utf8 { add(byte) }
        }
        return Int(truncatingIfNeeded: h ^ h >> 29)
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
