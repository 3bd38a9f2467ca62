/// Problems of the environment, not of content: they stop the run with exit status 2 (DESIGN.md).
public enum BangdanError: Error, Equatable, CustomStringConvertible {
    case noContent(path: String)
    case unreadable(path: String, reason: String)
    case template(name: String, problem: String)
    case writeFailed(path: String, reason: String)
    /// A number (or other value) from a flag or the environment that cannot be used, and what to give instead.
    case invalidSetting(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .noContent(let path): "no content folder at \(path) (use --site DIR, the folder that holds content/)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .template(let name, let problem): "template \(name): \(problem)"
        case .writeFailed(let path, let reason): "cannot write \(path): \(reason)"
        case .invalidSetting(let name, let value, let expected):
            "\(name) '\(Self.shown(value))' cannot be used: give \(expected)"
        }
    }

    /// A value from outside as it may be printed: at most 40 characters, control characters escaped (`\u{1B}`).
    static func shown(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars.prefix(40) {
            let plain = scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value)
                && scalar != "\\" && scalar != "'" && !scalar.properties.isWhitespace || scalar == " "
            out += plain ? String(scalar) : scalar.escaped(asASCII: true)
        }
        return value.unicodeScalars.count > 40 ? out + "…" : out
    }
}
