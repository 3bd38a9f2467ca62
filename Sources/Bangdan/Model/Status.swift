/// A requirement's lifecycle (SCHEMA.md §4): open → matching → signed → completed, or withdrawn / closed.
public enum Status: String, Hashable, Sendable, CaseIterable, Comparable {
    case open, matching, signed, completed, withdrawn, closed

    static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Position in display order (the lifecycle, then the ends).
    public var order: Int { Status.allCases.firstIndex(of: self)! }

    public static func < (a: Status, b: Status) -> Bool { a.order < b.order }
}

/// The kind of organisation that posts a requirement (SCHEMA.md §4 `issuer.type`).
public enum IssuerType: String, Hashable, Sendable, CaseIterable {
    case stateOwned = "state-owned"
    case `private`
    case foreign
    case university
    case institute
    case government
    case other

    static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
