import BangdanCore

/// A field's value after decoding: typed, trimmed, checked against its kind.
public indirect enum Value: Hashable, Sendable {
    case text(String)
    case integer(Int)
    case date(Day)
    /// ▲ A deadline with its time (`2023-05-31 17:00`); a deadline without one is `.date`.
    case dateTime(Day, TimeOfDay)
    case boolean(Bool)
    case amount(Amount)
    case list([Value])
    case record(Record)
    /// ▲ A mapping of free labels to text, in the order written (`extra`).
    case pairs([Pair])
}

/// One label and its text in a `.pairs` value.
public struct Pair: Hashable, Sendable {
    public var label: String
    public var text: String

    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}

/// A decoded mapping: values by field name, and where each key stood. `Array.build` turns it into the declared
/// type; cross-field rules (a deadline before publication) read the few values they compare from here.
public struct Record: Hashable, Sendable {
    public var values: [String: Value] = [:]
    public var keyPositions: [String: SourcePosition] = [:]
    public var valuePositions: [String: SourcePosition] = [:]
    /// Keys written with a value that was reported (wrong type, bad date…) and left out of `values`.
    public var invalid: Set<String> = []
    public var position: SourcePosition

    public init(position: SourcePosition) { self.position = position }

    public func date(_ name: String) -> Day? {
        switch values[name] {
        case .date(let d)?, .dateTime(let d, _)?: return d
        default: return nil
        }
    }

    public func list(_ name: String) -> [Value] {
        if case .list(let items)? = values[name] { return items }
        return []
    }

    public func records(_ name: String) -> [Record] {
        list(name).compactMap { if case .record(let r) = $0 { return r } else { return nil } }
    }

    /// Where a key stood, or where the record starts when the key is absent.
    public func position(of name: String) -> SourcePosition { keyPositions[name] ?? position }
}
