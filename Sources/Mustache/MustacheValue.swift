/// What a Mustache template renders: the Mustache spec's data model (maps, lists, strings, numbers, booleans, null)
/// plus text held as UTF-8 bytes, already-escaped markup and objects that hand out their fields on demand.
///
/// A name is looked up in `.map` and `.object` values (and the items of `.objects`); a section renders nothing for
/// `.null`, `.bool(false)` and an empty `.list` or `.objects`, once per item for a non-empty one, and once with the
/// value pushed on the context stack for anything else (`.bool(true)` renders once without being pushed). Every
/// other value is truthy, the empty string and zero included.
public enum MustacheValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Text held as its UTF-8 bytes (valid UTF-8), for text made as bytes, such as rendered Markdown or an SVG: it
    /// renders as `.string` of the same text does (escaped by `{{name}}`, as is by `{{{name}}}`), without a `String`
    /// made of the bytes and their UTF-8 checked again.
    case utf8([UInt8])
    /// Markup that is already escaped: written as is, even by `{{name}}`.
    case html(String)
    case list([MustacheValue])
    case map([String: MustacheValue])
    /// Fields computed when a template asks for them, for view models too large to convert up front. (Boxed, so
    /// that every other value stays two words.)
    indirect case object(any MustacheObject)
    /// A list of objects as one value: renders as a `.list` of their `.object`s does, each item's fields looked up
    /// in place where the list holds it, so no item is copied out into a value of its own. (A class: a reference,
    /// copied by a retain, that needs no box.)
    case objects(any MustacheObjectList)
}

/// A value whose fields are looked up one at a time, when a template names them.
public protocol MustacheObject: Sendable {
    /// The field's value, or nil when the object has no such field (lookup then goes on to the enclosing
    /// contexts, as for a key missing from a map).
    func mustacheValue(forKey key: String) -> MustacheValue?
}

/// Objects a template sees as a list (`MustacheValue.objects`): a section over it renders once per item, and a name
/// inside is looked up in the item at hand.
public protocol MustacheObjectList: AnyObject, Sendable {
    var count: Int { get }
    /// The field `key` of the item at `index` (in `0..<count`), or nil when it has no such field.
    func mustacheValue(at index: Int, forKey key: String) -> MustacheValue?
    /// The item at `index` as a value of its own, for `{{.}}` and a path through a list (`items.0.name`).
    func item(at index: Int) -> MustacheValue
}

/// A type that templates can render: typed view models conform by describing themselves as a `MustacheValue`.
public protocol MustacheRenderable {
    var mustacheValue: MustacheValue { get }
}

extension MustacheValue: MustacheRenderable {
    public var mustacheValue: MustacheValue { self }
}

/// Text made as UTF-8 bytes (rendered Markdown, an SVG), for a view model to hand over as `.utf8`.
public struct UTF8Text: Sendable, Equatable, MustacheRenderable {
    /// Valid UTF-8.
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var isEmpty: Bool { bytes.isEmpty }
    @inlinable public var mustacheValue: MustacheValue { .utf8(bytes) }
}

// The conformances below are inlinable, so that a view model's optional and array fields are converted by code
// specialized for their types in the module that renders them, not through generic code that looks up type
// metadata on every call (in a 10,000-requirement build, some 8 % of the time spent looking names up).

extension String: MustacheRenderable {
    @inlinable public var mustacheValue: MustacheValue { .string(self) }
}

extension Bool: MustacheRenderable {
    @inlinable public var mustacheValue: MustacheValue { .bool(self) }
}

extension Int: MustacheRenderable {
    @inlinable public var mustacheValue: MustacheValue { .int(self) }
}

extension Double: MustacheRenderable {
    @inlinable public var mustacheValue: MustacheValue { .double(self) }
}

extension Optional: MustacheRenderable where Wrapped: MustacheRenderable {
    @inlinable public var mustacheValue: MustacheValue { self?.mustacheValue ?? .null }
}

extension Array: MustacheRenderable where Element: MustacheRenderable {
    @inlinable public var mustacheValue: MustacheValue { .list(map { $0.mustacheValue }) }
}

extension Dictionary: MustacheRenderable where Key == String, Value: MustacheRenderable {
    @inlinable public var mustacheValue: MustacheValue { .map(mapValues { $0.mustacheValue }) }
}

extension MustacheValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: MustacheValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension MustacheValue {
    /// Whether a section renders (and an inverted section does not).
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .objects(let items): items.count > 0
        default: true
        }
    }

    /// The value of `key` inside this value; nil when it has none. A list answers to an index (`items.0`).
    func child(_ key: String) -> MustacheValue? {
        switch self {
        case .map(let fields): fields[key]
        case .object(let object): object.mustacheValue(forKey: key)
        case .list(let items): Int(key).flatMap { items.indices.contains($0) ? items[$0] : nil }
        case .objects(let items): Int(key).flatMap { (0..<items.count).contains($0) ? items.item(at: $0) : nil }
        default: nil
        }
    }

    /// The text of a number as JSON writes it: an integral double without a fraction (`2.0` → `2`), any other
    /// double in its shortest round-trip form (`1.21`).
    static func text(of number: Double) -> String {
        if number.isFinite, number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }
}
