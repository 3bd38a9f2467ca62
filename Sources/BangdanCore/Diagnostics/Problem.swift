/// What went wrong, as a value: each case names its rule and renders its own message in either language.
public enum Problem: Hashable, Sendable {
    case encoding
    case frontMatterMissing
    case frontMatterUnclosed
    case yamlSyntax(detail: String, hint: String? = nil)
    case type(field: String, expected: ValueKind, found: ValueKind)
    case duplicateKey(key: String, firstLine: Int)
    /// `orExtra`: no known field is near, and the file has ▲ `extra` for facts without a field (SCHEMA.md §4).
    case unknownField(field: String, suggestion: String?, orExtra: Bool = false)
    case missingField(field: String)
    case textInvalid(field: String)
    case textTooLong(field: String, limit: Int, length: Int)
    case tooManyValues(field: String, limit: Int, count: Int)
    case slugInvalid(name: String)
    case misplacedFile
    case listMissingIndex
    case unsupportedFile(extension: String)
    case fileTooLarge(limitMiB: Int)
    case symlinkRefused
    case unknownTerm(VocabularyKind, id: String, suggestion: String?)
    case unknownStatus(value: String, suggestion: String? = nil)
    case unknownIssuerType(value: String, suggestion: String? = nil)
    /// ▲ A solver's `role` outside `lead`, `member`: the rule `type` (the contract has no rule of its own for it).
    case unknownSolverRole(field: String, value: String, suggestion: String?)
    /// ▲ `form`: what the field takes; `suggestion`: the value to write, when one can be read (`2023/5/1`).
    case dateInvalid(field: String, value: String, form: DateForm = .day, suggestion: String? = nil)
    case deadlineBeforePublished(deadline: Day, published: Day)
    /// A bounty not in any written form of SCHEMA.md §4, and what could be read from it.
    case bountyInvalid(value: String, defect: AmountDefect = .unreadable)
    case urlInvalid(field: String, value: String)
    case contactInvalid(field: String, value: String)
    case creditCodeInvalid(value: String, reason: CreditCode.Defect)
    case duplicateCode(code: String, earlierPath: String)
    case attachmentMissing(name: String)
    case vocabularyInvalid(detail: VocabularyDefect)
    case siteInvalid(detail: SiteDefect)
    case outputConflict(path: String, other: String)
    case deadlinePassed(deadline: Day)
    /// Open, with no deadline (its own or its list's), and published more than `Resolve.staleAfterDays` before the
    /// build date: readers would be told that a call from years ago is still open.
    case staleOpen(published: Day)
    /// Two requirements in different lists that look like one (`possible-duplicate`), reported on the later file.
    case possibleDuplicate(otherPath: String, reason: DuplicateReason)
    case missingSolvers(status: Status)
    case solversWhileOpen
    case unusedAttachment(name: String)
    /// ▲ A `timeline` entry dated before the entry above it (`timeline-order`).
    case timelineOrder(entry: String, previous: String)
    /// A character no published text may hold (`isForbiddenInText`), found in a body and removed from it: a
    /// warning of the rule `text-invalid` (in front matter the same characters are errors), so one stray control
    /// character pasted from a word processor does not stop a build. The first on its line, and how many.
    case bodyCharacterDropped(character: String, count: Int)
    /// Something under `content/` that is not what its place asks for: a folder, pipe or device where a file
    /// belongs (site.yml, a vocabulary, a requirement, an attachment), or a file where a folder belongs.
    case wrongFileType(found: FileType, expected: ExpectedFile)
    /// Two names in one folder that differ only in letter case (`A.pdf`, `a.pdf`): one file on macOS and Windows,
    /// and one published path on case-insensitive servers. Reported on the later name.
    case caseCollision(name: String, other: String)
    /// A file name with a character no published text may hold.
    case fileNameInvalid
    /// A diagnostic replayed from the build cache: its rule, and its message as shown when it was found (in the
    /// site's language, which cannot have changed, since site.yml is part of the cached fingerprint).
    case recorded(Rule, message: String)

    public var rule: Rule {
        switch self {
        case .encoding: .encoding
        case .frontMatterMissing: .frontMatterMissing
        case .frontMatterUnclosed: .frontMatterUnclosed
        case .yamlSyntax: .yamlSyntax
        case .type: .type
        case .duplicateKey: .duplicateKey
        case .unknownField: .unknownField
        case .missingField: .missingField
        case .textInvalid: .textInvalid
        case .textTooLong: .textTooLong
        case .tooManyValues: .tooManyValues
        case .slugInvalid: .slugInvalid
        case .misplacedFile: .misplacedFile
        case .listMissingIndex: .listMissingIndex
        case .unsupportedFile: .unsupportedFile
        case .fileTooLarge: .fileTooLarge
        case .symlinkRefused: .symlinkRefused
        case .unknownTerm(let kind, _, _): kind.unknownRule
        case .unknownStatus: .unknownStatus
        case .unknownIssuerType: .unknownIssuerType
        case .unknownSolverRole: .type
        case .dateInvalid: .dateInvalid
        case .deadlineBeforePublished: .deadlineBeforePublished
        case .bountyInvalid: .bountyInvalid
        case .urlInvalid: .urlInvalid
        case .contactInvalid: .contactInvalid
        case .creditCodeInvalid: .creditCodeInvalid
        case .duplicateCode: .duplicateCode
        case .attachmentMissing: .attachmentMissing
        case .vocabularyInvalid: .vocabularyInvalid
        case .siteInvalid: .siteInvalid
        case .outputConflict: .outputConflict
        case .deadlinePassed: .deadlinePassed
        case .staleOpen: .staleOpen
        case .possibleDuplicate: .possibleDuplicate
        case .missingSolvers: .missingSolvers
        case .solversWhileOpen: .solversWhileOpen
        case .unusedAttachment: .unusedAttachment
        case .timelineOrder: .timelineOrder
        case .bodyCharacterDropped, .fileNameInvalid: .textInvalid
        case .wrongFileType(_, let expected): expected.rule
        case .caseCollision: .outputConflict
        case .recorded(let rule, _): rule
        }
    }

    /// The rule's severity, except where one rule covers both: `text-invalid` is a warning for a body, whose
    /// offending characters are dropped, and an error everywhere else.
    public var severity: Severity {
        if case .bodyCharacterDropped = self { return .warning }
        return rule.severity
    }

    /// The slug a name written in Latin letters most likely meant (`2018_MIIT_AI` → `2018-miit-ai`): lowercase,
    /// with each run of spaces, underscores, dots and hyphens as one hyphen. Nil when the name holds anything else
    /// (`2022山东关键技术`: only the officer can choose its letters), or when nothing is left to change.
    static func slugSuggestion(for name: String) -> String? {
        var slug = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": slug.unicodeScalars.append(scalar)
            case "A"..."Z": slug += String(scalar).lowercased()
            case "-", "_", ".", " ": if !slug.isEmpty, !slug.hasSuffix("-") { slug += "-" }
            default: return nil
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        guard !slug.isEmpty, slug.utf8.count <= 80, slug != name else { return nil }
        return slug
    }

    private static func didYouMean(_ suggestion: String?, _ l: Language) -> String {
        suggestion.map { l.pick(" — 是否应为 '\($0)'？", " — did you mean '\($0)'?") } ?? ""
    }

    public func message(in l: Language) -> String {
        switch self {
        case .encoding:
            return l.pick(
                "文件不是有效的 UTF-8 编码（请以 UTF-8 另存）",
                "the file is not valid UTF-8 (save it as UTF-8)")
        case .frontMatterMissing:
            return l.pick(
                "缺少前置元数据：文件第一行必须是 ---",
                "missing front matter: the first line must be ---")
        case .frontMatterUnclosed:
            return l.pick(
                "前置元数据没有结束：请在字段之后加一行 ---",
                "front matter is not closed: add a line --- after the fields")
        case .yamlSyntax(let detail, let hint):
            return l.pick("YAML 语法错误：" + (hint.map { "\($0)（\(detail)）" } ?? detail), "YAML syntax error: \(detail)")
        case .type(let field, let expected, let found):
            return l.pick(
                "字段 '\(field)' 应为\(expected.name(l))，实际为\(found.name(l))",
                "field '\(field)': expected \(expected.name(l)), found \(found.name(l))")
        case .duplicateKey(let key, let firstLine):
            return l.pick(
                "字段 '\(key)' 重复（第 \(firstLine) 行已经给出）",
                "field '\(key)' is given twice (first on line \(firstLine))")
        case .unknownField(let field, let suggestion, let orExtra):
            guard let suggestion else {
                return l.pick("未知字段 '\(field)'", "unknown field '\(field)'")
                    + (orExtra
                        ? l.pick(
                            " — 本规范没有对应字段的信息请写在 'extra' 下（如 extra: {揭榜方式: 单位揭榜}）",
                            " — facts with no field of their own go under 'extra' (e.g. extra: {揭榜方式: 单位揭榜})") : "")
            }
            return l.pick(
                "未知字段 '\(field)' — 是否应为 '\(suggestion)'？",
                "unknown field '\(field)' — did you mean '\(suggestion)'?")
        case .missingField(let field):
            return l.pick("缺少必填字段 '\(field)'", "missing required field '\(field)'")
        case .textInvalid(let field):
            return l.pick(
                "字段 '\(field)' 含有控制字符或其他不能发布的字符（如 U+FFFE）",
                "field '\(field)' contains control characters or other characters that cannot be published (such as U+FFFE)"
            )
        case .textTooLong(let field, let limit, let length):
            return l.pick(
                "字段 '\(field)' 过长：\(length) 个字符，最多 \(limit) 个",
                "field '\(field)' is too long: \(length) characters, at most \(limit)")
        case .tooManyValues(let field, let limit, let count):
            return l.pick(
                "字段 '\(field)' 的值过多：\(count) 个，最多 \(limit) 个",
                "field '\(field)' has too many values: \(count), at most \(limit)")
        case .slugInvalid(let name):
            return l.pick(
                "名称 '\(name)' 不合规：只能用小写字母、数字和单个连字符（如 mine-truck），最长 80 个字符",
                "name '\(name)' is invalid: use lowercase letters, digits and single hyphens (e.g. mine-truck), at most 80 characters"
            ) + Self.didYouMean(Self.slugSuggestion(for: name), l)
        case .misplacedFile:
            return l.pick(
                "文件位置不对：需求文件应放在 content/lists/<榜单>/ 下",
                "misplaced file: requirement files belong in content/lists/<list>/")
        case .listMissingIndex:
            return l.pick("榜单文件夹缺少 _index.md", "the list folder has no _index.md")
        case .unsupportedFile(let ext):
            return l.pick(
                "不支持的附件类型 '\(ext)'（可用 .pdf .doc .docx .xls .xlsx .png .jpg .jpeg .webp）",
                "unsupported attachment type '\(ext)' (use .pdf .doc .docx .xls .xlsx .png .jpg .jpeg .webp)")
        case .fileTooLarge(let limit):
            return l.pick("文件过大：最大 \(limit) MiB", "file too large: at most \(limit) MiB")
        case .symlinkRefused:
            return l.pick("不接受符号链接，请放入文件本身", "symbolic links are refused: add the file itself")
        case .unknownTerm(let kind, let id, let suggestion):
            let hint = Self.didYouMean(suggestion, l)
            return l.pick(
                "未知\(kind.name(l)) '\(id)'：\(kind.fileName) 中没有这一项\(hint)",
                "unknown \(kind.name(l)) '\(id)': not in \(kind.fileName)\(hint)")
        case .unknownStatus(let value, let suggestion):
            return l.pick("未知状态 '\(value)'", "unknown status '\(value)'") + Self.didYouMean(suggestion, l)
                + l.pick("（可用 \(Status.allNames)）", " (use \(Status.allNames))")
        case .unknownIssuerType(let value, let suggestion):
            return l.pick("未知发榜单位类型 '\(value)'", "unknown issuer type '\(value)'") + Self.didYouMean(suggestion, l)
                + l.pick("（可用 \(IssuerType.allNames)）", " (use \(IssuerType.allNames))")
        case .dateInvalid(let field, let value, let form, let suggestion):
            if let suggestion {
                return l.pick(
                    "字段 '\(field)' 的日期 '\(value)' 写法不对：应写作 \(suggestion)",
                    "field '\(field)': date '\(value)' is not written as dates are: write \(suggestion)")
            }
            return l.pick(
                "字段 '\(field)' 的日期 '\(value)' 无效：应为 2000–2099 年间存在的日期，格式 \(form.pattern(l))",
                "field '\(field)': invalid date '\(value)': use an existing day in 2000–2099 as \(form.pattern(l))")
        case .deadlineBeforePublished(let deadline, let published):
            return l.pick(
                "截止日期 \(deadline) 早于发布日期 \(published.written)",
                "deadline \(deadline) is before the publication date \(published.written)")
        case .unknownSolverRole(let field, let value, let suggestion):
            return l.pick(
                "字段 '\(field)' 的值 '\(value)' 无效", "field '\(field)': '\(value)' is not a solver role")
                + Self.didYouMean(suggestion, l)
                + l.pick("（可用 lead 牵头、member 联合）", " (use lead or member)")
        case .bountyInvalid(let value, let defect):
            return defect.message(value: value, l)
        case .urlInvalid(let field, let value):
            return l.pick("字段 '\(field)' 的网址 '\(value)' 无效：", "field '\(field)': invalid URL '\(value)': ")
                + URLCheck.explanation(of: value, field: field, l)
        case .contactInvalid(let field, let value):
            return field == "email"
                ? l.pick("电子邮箱 '\(value)' 格式不对", "'\(value)' is not an email address")
                : l.pick(
                    "电话 '\(value)' 格式不对：应为 7–20 位数字，可含空格和 + - ( )，后面可加分机号（转542、-542、ext. 542）",
                    "phone '\(value)' is invalid: use 7–20 of digits, spaces and + - ( ), optionally followed by an extension (转542, -542, ext. 542)"
                )
        case .creditCodeInvalid(let value, let reason):
            return l.pick(
                "统一社会信用代码 '\(value)' 无效：\(reason.message(l))",
                "invalid unified social credit code '\(value)': \(reason.message(l))")
        case .duplicateCode(let code, let earlier):
            return l.pick("榜单编号 '\(code)' 与 \(earlier) 重复", "code '\(code)' is already used by \(earlier)")
        case .attachmentMissing(let name):
            return l.pick("附件 '\(name)' 不在本榜单文件夹中", "attachment '\(name)' is not in this list's folder")
        case .vocabularyInvalid(let detail):
            return detail.message(l)
        case .siteInvalid(let detail):
            return l.pick("site.yml 有误：", "site.yml: ") + detail.message(l)
        case .outputConflict(let path, let other):
            return l.pick(
                "输出路径 \(path) 冲突：与 \(other) 写入同一位置",
                "output path \(path) is written twice (also by \(other))")
        case .deadlinePassed(let deadline):
            return l.pick(
                "状态为 open，但截止日期 \(deadline) 已过；将显示为 已截止",
                "status is open but the deadline \(deadline) has passed; it is published as closed")
        case .staleOpen(let published):
            return l.pick(
                "状态为 open，没有截止日期，而发布日期 \(published.written) 已是一年多以前；将显示为 征集中（未设截止日期）。请核实：已截止的，设置 status（榜单的或本需求的）；仍在征集的，填写 deadline",
                "status is open with no deadline, but it was published on \(published.written), over a year ago; it is published as open (no deadline). If the call has closed, set status (the list's or this requirement's); if it is still open, give a deadline"
            )
        case .possibleDuplicate(let other, let reason):
            return reason.message(other: other, l)
        case .missingSolvers(let status):
            return l.pick(
                "状态为 \(status.rawValue)，但没有填写揭榜单位（solvers）",
                "status is \(status.rawValue) but no solvers are given")
        case .solversWhileOpen:
            return l.pick("状态仍为 open，却已填写揭榜单位（solvers）", "solvers are given while the status is open")
        case .unusedAttachment(let name):
            return l.pick("附件 '\(name)' 没有被任何需求引用", "attachment '\(name)' is not named by any requirement")
        case .timelineOrder(let entry, let previous):
            return l.pick(
                "timeline 未按日期排列：\(entry) 排在 \(previous) 之后；请按时间先后排列",
                "timeline is not in date order: \(entry) comes after \(previous); list the entries by date")
        case .bodyCharacterDropped(let character, let count):
            return l.pick(
                "正文含有不能发布的字符 \(character)（控制字符或非字符），已删除" + (count > 1 ? "（本行共 \(count) 个）" : ""),
                "the body contains \(character), a control character or noncharacter that cannot be published; it was removed"
                    + (count > 1 ? " (\(count) on this line)" : ""))
        case .wrongFileType(let found, let expected):
            return expected.message(found: found, l)
        case .caseCollision(let name, let other):
            return l.pick(
                "文件名 '\(name)' 与同一文件夹中的 '\(other)' 只有大小写不同：在 macOS 和 Windows 上二者是同一个文件，发布后也会相互覆盖，请改名",
                "'\(name)' differs from '\(other)' in the same folder only in letter case: on macOS and Windows they are one file, and published they overwrite each other; rename one"
            )
        case .fileNameInvalid:
            return l.pick(
                "文件名含有控制字符或其他不能发布的字符，请改名",
                "the file name contains control characters or other characters that cannot be published; rename the file"
            )
        case .recorded(_, let message):
            return message
        }
    }
}

/// Why two requirements in different lists look like one (`possible-duplicate`).
public enum DuplicateReason: Hashable, Sendable {
    /// The same `code`.
    case code(String)
    /// The same title and issuer name (compared without spaces, letter case or full-width forms).
    case titleAndIssuer

    func message(other: String, _ l: Language) -> String {
        switch self {
        case .code(let code):
            l.pick(
                "榜单编号 '\(code)' 与另一榜单中的 \(other) 相同：可能是同一项需求录入了两次",
                "code '\(code)' is also used by \(other) in another list: possibly the same requirement entered twice")
        case .titleAndIssuer:
            l.pick(
                "标题和发榜单位与另一榜单中的 \(other) 相同：可能是同一项需求录入了两次",
                "the title and issuer are the same as in \(other) in another list: possibly the same requirement entered twice"
            )
        }
    }
}

/// The kinds of YAML value the schema expects or finds, for `type` messages.
public enum ValueKind: Hashable, Sendable {
    case text, date, integer, amount, url, mapping, list, textOrList, textOrMapping
    /// ▲ `true` or `false`.
    case boolean
    /// ▲ A list, or one fixed text (`solvers: 未公开`).
    case listOrWord(String)
    /// ▲ `HH:MM` (a timeline entry's `time`).
    case time
    case integerIn(ClosedRange<Int>)
    case oneOf([String])
    /// The value as found, quoted in the message ("found 100").
    case literal(String)
    /// A mapping whose `name` is required, when a name alone was written (`issuer: 工业和信息化部`): the message
    /// shows the mapping to write, `{name: 工业和信息化部}`.
    case mappingWithName(String)

    func name(_ l: Language) -> String {
        switch self {
        case .text: l.pick("文本", "text")
        case .date: l.pick("日期", "a date")
        case .integer: l.pick("整数", "an integer")
        case .amount: l.pick("金额", "an amount")
        case .url: l.pick("网址", "a URL")
        case .time: l.pick("时间 HH:MM（00:00–23:59）", "a time HH:MM (00:00–23:59)")
        case .mapping: l.pick("映射（键: 值）", "a mapping")
        case .list: l.pick("列表", "a list")
        case .textOrList: l.pick("文本或列表", "text or a list")
        case .textOrMapping: l.pick("文本或映射", "text or a mapping")
        case .boolean: l.pick("true 或 false", "true or false")
        case .listOrWord(let word): l.pick("列表，或文本 '\(word)'", "a list, or the text '\(word)'")
        case .integerIn(let r):
            l.pick("\(r.lowerBound)–\(r.upperBound) 之间的整数", "an integer from \(r.lowerBound) to \(r.upperBound)")
        case .oneOf(let words):
            l.pick("以下之一：\(words.joined(separator: ", "))", "one of \(words.joined(separator: ", "))")
        case .literal(let value): "'\(value)'"
        case .mappingWithName(let name):
            l.pick("映射（键: 值），如 {name: \(name)}", "a mapping such as {name: \(name)}")
        }
    }
}

/// What a place under `content/` asks for, when something else is there.
public enum ExpectedFile: Hashable, Sendable {
    /// `content/site.yml` (`site-invalid`).
    case siteSettings
    /// `content/industries.yml` and the other vocabularies (`vocabulary-invalid`).
    case vocabulary
    /// A requirement, a list's `_index.md` or an attachment (`unsupported-file`).
    case contentFile
    /// `content/lists` or a list folder (`unsupported-file`).
    case folder

    var rule: Rule {
        switch self {
        case .siteSettings: .siteInvalid
        case .vocabulary: .vocabularyInvalid
        case .contentFile, .folder: .unsupportedFile
        }
    }

    func message(found: FileType, _ l: Language) -> String {
        let what = found.name(l)
        switch self {
        case .siteSettings:
            return l.pick(
                "site.yml 有误：这是\(what)，不是普通文件；site.yml 必须是 YAML 文本文件",
                "site.yml: this is \(what), not a regular file; site.yml must be a YAML text file")
        case .vocabulary:
            return l.pick(
                "词表有误：这是\(what)，不是普通文件；词表必须是 YAML 文本文件",
                "vocabulary: this is \(what), not a regular file; a vocabulary must be a YAML text file")
        case .contentFile:
            return l.pick(
                "这是\(what)，不是普通文件：content/ 中只能放普通文件和文件夹，它不会被读取",
                "this is \(what), not a regular file: content/ holds only regular files and folders, and it is not read"
            )
        case .folder:
            return l.pick("这里应是文件夹，却是\(what)", "this should be a folder, but it is \(what)")
        }
    }
}

/// What is wrong with `site.yml`: every problem there carries the one rule `site-invalid`.
public indirect enum SiteDefect: Hashable, Sendable {
    case missingFile
    case field(Problem)
    /// ▲ `language` and the first of `languages` name different main languages.
    case languagesDisagree(language: Language, main: Language)
    /// ▲ A language named twice in `languages`.
    case languageRepeated(Language)

    func message(_ l: Language) -> String {
        switch self {
        case .missingFile: l.pick("缺少 content/site.yml", "content/site.yml is missing")
        case .languagesDisagree(let language, let main):
            l.pick(
                "language 为 \(language.rawValue)，而 languages 的第一种（网站主语言）为 \(main.rawValue)：请删去 language，或使二者一致",
                "language is \(language.rawValue) but the first of languages (the main language) is \(main.rawValue): remove language, or make them agree"
            )
        case .languageRepeated(let language):
            l.pick(
                "languages 中 \(language.rawValue) 出现了两次：应为一种或两种不同的语言",
                "languages names \(language.rawValue) twice: give one language, or two different ones")
        case .field(let problem): problem.message(in: l)
        }
    }
}
