import BangdanCore
import BangdanSite

/// Display-ready strings for view models: templates never format a number or a date. Every word comes
/// from the interface table of the site's language (`UIStrings`).
struct Format: Sendable {
    let language: Language
    let buildDate: Day
    let strings: InterfaceStrings

    init(language: Language, buildDate: Day) {
        self.language = language
        self.buildDate = buildDate
        self.strings = InterfaceStrings(language)
    }

    /// The phrase `key` with its `{placeholders}` filled (one pass; these run for every date on every page).
    func phrase(_ key: UIString, _ values: KeyValuePairs<String, String> = [:]) -> String {
        Self.fill(strings[key], values)
    }

    /// `phrase` with each `{name}` that `values` names replaced by its value; any other brace is kept as written.
    static func fill(_ phrase: String, _ values: KeyValuePairs<String, String>) -> String {
        var template = phrase
        // Over the template's bytes: `{` and `}` are ASCII, and so is every placeholder's name, compared by its
        // bytes (through `Substring` and `==` a phrase with a date was some 3,000 instructions).
        return template.withUTF8 { bytes in
            guard bytes.contains(0x7B) else { return phrase }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            var at = 0
            while at < bytes.count {
                guard bytes[at] == 0x7B, let close = bytes[(at + 1)...].firstIndex(of: 0x7D) else {
                    out.append(bytes[at])
                    at += 1
                    continue
                }
                let name = UnsafeBufferPointer(rebasing: bytes[(at + 1)..<close])
                if let value = values.first(where: { $0.key.utf8.elementsEqual(name) })?.value {
                    out += value.utf8
                } else {
                    out += bytes[at...close]
                }
                at = close + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A bounty in canonical form, in the page's language (`AmountText.swift` in Core is the one formatter):
    /// `9600万元`, `500–1000万元`, `不低于1亿元`, `面议`, `不设揭榜金额`, `300万美元` / `RMB 96 million`, ….
    /// Nil when the requirement gives no bounty (未披露).
    /// On an English page a figure is followed by its Chinese form, as the notice wrote it: `RMB 96 million
    /// (9,600万元)`, `at least USD 3 million (不低于300万美元)`; `negotiable` and `no bounty` stand alone.
    func amount(_ amount: Amount?) -> String? {
        guard let amount else { return nil }
        guard language == .en else { return amount.text(in: language) }
        switch amount {
        case .negotiable, .noBounty: return amount.englishText
        default: return withNote(amount.englishText, Self.grouped(amount.chineseText))
        }
    }

    /// Every whole number of four or more digits grouped by thousands, as English readers write them: `9,600万元`,
    /// `0.5–1亿元` unchanged.
    static func grouped(_ text: String) -> String {
        var out = "", run = ""
        func flush() {
            if run.count >= 4 {
                var digits = Array(run), whole = ""
                while digits.count > 3 {
                    whole = "," + String(digits.suffix(3)) + whole
                    digits.removeLast(3)
                }
                out += String(digits) + whole
            } else {
                out += run
            }
            run = ""
        }
        var afterPoint = false
        for c in text {
            if c.isASCIIDigit && !afterPoint {
                run.append(c)
            } else {
                flush()
                out.append(c)
                afterPoint = c == "." ? true : c.isASCIIDigit ? afterPoint : false
            }
        }
        flush()
        return out
    }

    /// Items of a list of names: `力博重工、某研究院` / `Libo, Institute`.
    func joined(_ items: [String]) -> String { items.joined(separator: language.pick("、", ", ")) }

    /// One step of indent in a tree of options: an ideographic space in Chinese, two no-break spaces in English.
    var indent: String { language.pick("\u{3000}", "\u{00A0}\u{00A0}") }

    /// `zh-CN` for Chinese text on an English page, where its element must say so; nil otherwise.
    func contentLanguage(_ text: String) -> String? { language == .en && text.hasCJK ? Language.zhCN.rawValue : nil }

    /// `1 requirement`, `2 requirements`; `15 项需求` in Chinese.
    func counted(_ n: Int, one: UIString, other: UIString) -> String {
        "\(count(n)) " + phrase(n == 1 ? one : other)
    }

    /// A total in 万元: `9600万元`, `8.7亿元` from 1亿 up / `RMB 96 million`.
    func wan(_ wan: Wan) -> String { language == .en ? wan.englishText() : wan.chineseText() }

    /// Always in 亿元 (`8.7亿元`, `0.96亿元`): how officials quote a programme's total / `RMB 96 million`.
    func yi(_ wan: Wan) -> String { language == .en ? wan.englishText() : wan.yiText }

    /// `主（补充）` in Chinese, `main (extra)` in English.
    func withNote(_ main: String, _ note: String?) -> String {
        guard let note else { return main }
        return phrase(.noteFormat, ["main": main, "note": note])
    }

    /// `2022年6月29日` / `29 June 2022` (`Day.text(in:)`); a `published` known only to the month or year to that
    /// precision (SCHEMA.md §3): `2022年1月` / `January 2022`, `2021年` / `2021`, never as the first day it sorts as.
    func date(_ day: Day) -> String {
        let key: UIString =
            switch day.precision {
            case .day: .dateFormat
            case .month: .dateMonthFormat
            case .year: .dateYearFormat
            }
        guard language == .zhCN else { return day.text(in: language) }
        return phrase(
            key, ["year": "\(day.year)", "month": "\(day.month)", "day": "\(day.day)", "iso": day.written])
    }

    /// A date and, when one was written, its time (China Standard Time), as `Moment` joins them: 2023年5月31日 17:00.
    func moment(_ moment: Moment) -> String {
        guard let time = moment.time else { return date(moment.day) }
        return date(moment.day) + language.pick(" \(time)", ", \(time)")
    }

    func status(_ status: Status) -> String {
        switch status {
        case .open: phrase(.statusOpen)
        case .matching: phrase(.statusMatching)
        case .signed: phrase(.statusSigned)
        case .completed: phrase(.statusCompleted)
        case .withdrawn: phrase(.statusWithdrawn)
        case .closed: phrase(.statusClosed)
        }
    }

    /// An open requirement whose deadline has passed is shown as 征集已截止, per the contract; one open for more
    /// than a year with no deadline (`stale-open`, SCHEMA.md §6) as 征集中（未设截止日期）.
    func effectiveStatus(_ r: ResolvedRequirement) -> String {
        if r.effectiveStatus == .closed && r.requirement.status == .open { return phrase(.callClosed) }
        if r.isStaleOpen { return withNote(status(.open), phrase(.noDeadlineSet)) }
        return status(r.effectiveStatus)
    }

    /// 牵头 / 联合 in a consortium of solvers.
    func solverRole(_ role: SolverRole) -> String {
        switch role {
        case .lead: phrase(.solverLead)
        case .member: phrase(.solverMember)
        }
    }

    func issuerType(_ type: IssuerType) -> String {
        switch type {
        case .stateOwned: phrase(.issuerStateOwned)
        case .private: phrase(.issuerPrivate)
        case .foreign: phrase(.issuerForeign)
        case .university: phrase(.issuerUniversity)
        case .institute: phrase(.issuerInstitute)
        case .government: phrase(.issuerGovernment)
        case .other: phrase(.issuerOther)
        }
    }

    /// Days from the build date to the deadline (negative once passed).
    func daysLeft(until deadline: Day) -> Int { buildDate.days(until: deadline) }

    func daysLeftText(until deadline: Day) -> String {
        let days = daysLeft(until: deadline)
        switch days {
        case ..<0: return phrase(.deadlinePassed)
        case 0: return phrase(.closesToday)
        default: return phrase(days == 1 ? .daysLeftOne : .daysLeftFormat, ["n": "\(days)"])
        }
    }
    func count(_ n: Int) -> String { language == .en && n >= 1000 ? grouped(n) : "\(n)" }

    private func grouped(_ n: Int) -> String {
        var digits = Array(String(n)), out = ""
        while digits.count > 3 {
            out = "," + String(digits.suffix(3)) + out
            digits.removeLast(3)
        }
        return String(digits) + out
    }

    func termName(_ term: Term) -> String { language == .en ? (term.nameEn ?? term.name) : term.name }

    /// File sizes for attachments: `1.2 MB`, `350 KB`.
    func fileSize(_ bytes: Int) -> String {
        if bytes >= 1_048_576 {
            let tenths = (bytes * 10 + 524_288) / 1_048_576
            return "\(tenths / 10).\(tenths % 10) MB"
        }
        return "\(max(1, (bytes + 512) / 1024)) KB"
    }
}
