/// Problems of the environment, not of content: they stop the run with exit status 2 (docs/ARCHITECTURE.md).
public enum BangdanError: Error, Equatable, CustomStringConvertible {
    case noContent(path: String)
    case unreadable(path: String, reason: String)
    /// A content file whose bytes are no longer those the build checked (written while it ran): nothing was
    /// published; the next build reads it again.
    case changedDuringBuild(path: String)
    case template(name: String, problem: String)
    case writeFailed(path: String, reason: String)
    /// A number (or other value) from a flag or the environment that cannot be used, and what to give instead.
    case invalidSetting(name: String, value: String, expected: Phrase)
    /// An output folder a build must not replace, or that another build is writing (`path` as given).
    case outputRefused(path: String, resolved: String, problem: OutputFolderProblem, language: Language)

    /// The message in English (`message(in:)` gives either language).
    public var description: String { message(in: .en) }

    /// The message, with every control character written as a visible escape (`\n`, `\u{1B}`), as diagnostics
    /// are: paths, values and system reasons come from outside and must not move a terminal's cursor or forge a line.
    /// A refused output folder is always said in the site's language, which it carries. System reasons (from
    /// `strerror`, Foundation) are printed as the system gives them.
    public func message(in language: Language) -> String { DiagnosticFormat.visible(raw(language)) }

    private func raw(_ language: Language) -> String {
        switch self {
        case .noContent(let path):
            language.pick(
                "找不到内容文件夹 \(path)（用 --site 指定站点文件夹，即包含 content/ 的那个文件夹）",
                "no content folder at \(path) (use --site DIR, the folder that holds content/)")
        case .unreadable(let path, let reason):
            language.pick("无法读取 \(path)：\(reason)", "cannot read \(path): \(reason)")
        case .changedDuringBuild(let path):
            language.pick(
                "\(path) 在构建过程中被修改，本次构建未发布任何内容；请再运行一次 bangdan build",
                "\(path) changed while the site was being built; nothing was published. Run bangdan build again")
        case .template(let name, let problem): language.pick("模板 \(name)：\(problem)", "template \(name): \(problem)")
        case .writeFailed(let path, let reason):
            language.pick("无法写入 \(path)：\(reason)", "cannot write \(path): \(reason)")
        case .invalidSetting(let name, let value, let expected):
            language.pick(
                "\(name) 的值 '\(Self.shown(value))' 不能用：应为\(expected.zh)",
                "\(name) '\(Self.shown(value))' cannot be used: give \(expected.en)")
        case .outputRefused(let path, let resolved, let problem, let site):
            Self.describe(problem, path: path == resolved ? path : "\(path) (\(resolved))", language: site)
        }
    }

    private static func describe(_ problem: OutputFolderProblem, path: String, language: Language) -> String {
        let replace = language.pick(
            "构建会替换该文件夹里的一切。请用 --output 另选一个文件夹（默认是站点里的 public）",
            "a build replaces everything in it. Choose another folder with --output (default: public in the site)")
        return switch problem {
        case .isSite:
            language.pick("输出文件夹 \(path) 就是站点文件夹；", "the output folder \(path) is the site folder; ") + replace
        case .containsSite:
            language.pick("输出文件夹 \(path) 包含站点文件夹；", "the output folder \(path) contains the site folder; ") + replace
        case .insideContent:
            language.pick("输出文件夹 \(path) 位于 content/ 之内；", "the output folder \(path) lies inside content/; ") + replace
        case .insideTemplates:
            language.pick("输出文件夹 \(path) 位于 templates/ 之内；", "the output folder \(path) lies inside templates/; ")
                + replace
        case .symlink:
            language.pick(
                "输出文件夹 \(path) 是符号链接；Bangdan 从不经由符号链接写入。请删除该链接，或用 --output 指定一个真实的文件夹",
                "the output folder \(path) is a symbolic link; Bangdan never writes through one. Remove the link or name a real folder with --output"
            )
        case .notAFolder:
            language.pick(
                "输出位置 \(path) 已有一个文件（不是文件夹）；请删除它，或用 --output 另选一个文件夹",
                "the output \(path) exists and is not a folder; remove it or choose another folder with --output")
        case .notBangdanOutput:
            language.pick(
                "输出文件夹 \(path) 不是空的，也不是 Bangdan 构建写出的（没有 \(OutputFolderProblem.markerName) 标记）；构建会删除其中的一切。确认要替换时加 --force，或用 --output 另选一个文件夹",
                "the output folder \(path) is not empty and no Bangdan build wrote it (no \(OutputFolderProblem.markerName) marker); a build would delete everything in it. Add --force to replace it anyway, or choose another folder with --output"
            )
        case .busy(let owner):
            language.pick(
                "另一个 bangdan build\(owner.map { "（进程 \($0)）" } ?? "")正在写入输出文件夹 \(path)；请等它结束后再试",
                "another bangdan build\(owner.map { " (process \($0))" } ?? "") is writing the output folder \(path); try again when it has finished"
            )
        }
    }

    /// A value from outside as it may be printed: at most 40 characters (its control characters are escaped with
    /// the whole message).
    static func shown(_ value: String) -> String {
        value.unicodeScalars.count > 40
            ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(40))) + "…" : value
    }
}

/// Why a build refuses its output folder (`BangdanError.outputRefused`); decided by the write stage.
public enum OutputFolderProblem: Sendable, Equatable {
    case isSite, containsSite, insideContent, insideTemplates, symlink, notAFolder, notBangdanOutput
    /// Another build holds the lock; `owner` is its process id when the lock file says.
    case busy(owner: Int32?)

    /// The file every Bangdan build writes into its output, so a later build knows the folder is its own.
    public static let markerName = ".bangdan-output"
}
