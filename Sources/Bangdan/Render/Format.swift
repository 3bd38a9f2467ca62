/// Display-ready strings for view models: templates never format a number or a date (STYLE.md).
struct Format {
    let language: Language
    let buildDate: Day

    /// `9600万元`, `8.7亿元` (from 1亿 up), `面议`.
    func amount(_ amount: Amount?) -> String? {
        switch amount {
        case .figure(let wan)?: return self.wan(wan)
        case .negotiable?: return language.pick("面议", "negotiable")
        case nil: return nil
        }
    }

    func wan(_ wan: Wan) -> String {
        wan >= Wan(whole: 10_000) ? "\(wan.decimalString(unitPlaces: 4))亿元" : "\(wan.decimalString())万元"
    }

    /// Always in 亿元 (`8.7亿元`, `0.96亿元`): how officials quote a programme's total.
    func yi(_ wan: Wan) -> String { "\(wan.decimalString(unitPlaces: 4))亿元" }

    /// `主（补充）` in Chinese, `main (extra)` in English.
    func withNote(_ main: String, _ note: String?) -> String {
        guard let note else { return main }
        return language.pick("\(main)（\(note)）", "\(main) (\(note))")
    }

    /// `2022年6月29日` / `2022-06-29`.
    func date(_ day: Day) -> String {
        language == .zhCN ? "\(day.year)年\(day.month)月\(day.day)日" : day.description
    }

    func status(_ status: Status) -> String {
        switch status {
        case .open: language.pick("征集中", "Open")
        case .matching: language.pick("对接中", "Matching")
        case .signed: language.pick("已签约", "Signed")
        case .completed: language.pick("已完成", "Completed")
        case .withdrawn: language.pick("已撤榜", "Withdrawn")
        case .closed: language.pick("已截止", "Closed")
        }
    }

    /// An open requirement whose deadline has passed is shown as 征集已截止, per the contract.
    func effectiveStatus(_ r: ResolvedRequirement) -> String {
        r.effectiveStatus == .closed && r.requirement.status == .open
            ? language.pick("征集已截止", "Call closed") : status(r.effectiveStatus)
    }

    func issuerType(_ type: IssuerType) -> String {
        switch type {
        case .stateOwned: language.pick("国有企业", "State-owned enterprise")
        case .private: language.pick("民营企业", "Private enterprise")
        case .foreign: language.pick("外资企业", "Foreign enterprise")
        case .university: language.pick("高校", "University")
        case .institute: language.pick("科研院所", "Research institute")
        case .government: language.pick("政府部门", "Government")
        case .other: language.pick("其他", "Other")
        }
    }

    /// Days from the build date to the deadline (negative once passed).
    func daysLeft(until deadline: Day) -> Int { buildDate.days(until: deadline) }

    func daysLeftText(until deadline: Day) -> String {
        let days = daysLeft(until: deadline)
        switch days {
        case ..<0: return language.pick("已过截止日期", "deadline passed")
        case 0: return language.pick("今天截止", "closes today")
        default: return language.pick("剩余 \(days) 天", "\(days) days left")
        }
    }

    func count(_ n: Int) -> String { language == .en && n >= 1000 ? grouped(n) : "\(n)" }

    private func grouped(_ n: Int) -> String {
        var digits = Array(String(n)), out = ""
        while digits.count > 3 { out = "," + String(digits.suffix(3)) + out; digits.removeLast(3) }
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
