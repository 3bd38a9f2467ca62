import BangdanCore

/// A YAML node with file positions, independent of the parser library (libyaml stays inside `Load`).
public struct YAMLNode: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        /// `plain` is true for an unquoted scalar: only a plain `~`, `null` or empty value means "nothing".
        case scalar(String, plain: Bool)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    public var content: Content
    public var position: SourcePosition

    public init(_ content: Content, at position: SourcePosition) {
        self.content = content
        self.position = position
    }

    /// True for YAML's ways of writing nothing: an empty plain value, `~`, `null`.
    public var isNull: Bool {
        guard case .scalar(let text, true) = content else { return false }
        // By bytes: `==` between a Chinese text and "null" compares them as Unicode would, some 150 instructions
        // each (none of the four has another canonically equivalent spelling).
        let utf8 = text.utf8
        guard utf8.count <= 4 else { return false }
        return utf8.isEmpty || utf8.elementsEqual("~".utf8) || utf8.elementsEqual("null".utf8)
            || utf8.elementsEqual("Null".utf8) || utf8.elementsEqual("NULL".utf8)
    }
}

public struct YAMLPair: Hashable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    /// The key's text when it is a scalar.
    public var name: String? {
        if case .scalar(let text, _) = key.content { return text }
        return nil
    }
}
