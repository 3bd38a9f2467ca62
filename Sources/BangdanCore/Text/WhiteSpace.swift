extension Unicode.Scalar {
    /// Unicode's White_Space property (`properties.isWhitespace`), from its 25 code points, which the standard keeps
    /// stable: a switch, not a lookup in the property tables, for the checks that ask it of every scalar of a title
    /// or a field (`WhiteSpaceTests` compares the two over every scalar).
    public var isUnicodeWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
