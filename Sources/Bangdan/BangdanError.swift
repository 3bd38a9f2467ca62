/// Problems of the environment, not of content: they stop the run with exit status 2 (DESIGN.md).
public enum BangdanError: Error, Equatable, CustomStringConvertible {
    case noContent(path: String)
    case unreadable(path: String, reason: String)
    case template(name: String, problem: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .noContent(let path): "no content folder at \(path) (use --site DIR, the folder that holds content/)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .template(let name, let problem): "template \(name): \(problem)"
        case .writeFailed(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
