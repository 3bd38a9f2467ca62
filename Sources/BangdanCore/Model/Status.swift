/// A requirement's lifecycle (SCHEMA.md §4): open → matching → signed → completed, or withdrawn / closed.
public enum Status: String, Hashable, Sendable, CaseIterable, Comparable {
    case open, matching, signed, completed, withdrawn, closed

    static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The contract's Chinese name (SCHEMA.md §4), so `status: 征集中` can be answered with `open`.
    public var chineseName: String {
        switch self {
        case .open: "征集中"
        case .matching: "对接中"
        case .signed: "已签约"
        case .completed: "已完成"
        case .withdrawn: "已撤榜"
        case .closed: "已截止"
        }
    }

    /// Position in display order (the lifecycle, then the ends).
    // Safe: every case is in `allCases`.
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

    /// The contract's Chinese name (SCHEMA.md §4), so `type: 民营企业` can be answered with `private`.
    public var chineseName: String {
        switch self {
        case .stateOwned: "国有企业"
        case .private: "民营企业"
        case .foreign: "外资企业"
        case .university: "高校"
        case .institute: "科研院所"
        case .government: "政府部门"
        case .other: "其他"
        }
    }
}
