/// How dates are written in content and shown to readers (SCHEMA.md §4 "Dates", ▲ version 2): a list's
/// `published` to the year, month or day; a requirement's `deadline` as a day or a day and a time in China
/// Standard Time; any other way of writing a date is `date-invalid`, with the value to write when one can be read.
extension Day {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a `published` known only to the month or year).
    public init?(partial text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { return nil }
        if bytes.count == 10 {
            self.init(text)
            return
        }
        guard let year = Self.number(bytes[0..<4]) else { return nil }
        if bytes.count == 4 {
            self.init(year: year, month: nil)
            return
        }
        guard bytes[4] == UInt8(ascii: "-"), let month = Self.number(bytes[5..<7]) else { return nil }
        self.init(year: year, month: month)
    }

    /// Decimal digits only; nil for anything else.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }

    /// The date as written, to its precision: `2018`, `2018-11` or `2018-11-05` (ISO 8601). Open data gives
    /// `published` in this form; `description` is always the full first day.
    public var written: String {
        switch precision {
        case .year: "\(year)"
        case .month: String(description.prefix(7))
        case .day: description
        }
    }

    /// For readers, to its precision: 2018年 / 2018年11月 / 2018年11月5日; 2018 / November 2018 / 5 November 2018.
    public func text(in language: Language) -> String {
        switch (language, precision) {
        case (.zhCN, .year): "\(year)年"
        case (.zhCN, .month): "\(year)年\(month)月"
        case (.zhCN, .day): "\(year)年\(month)月\(day)日"
        case (.en, .year): "\(year)"
        case (.en, .month): "\(Day.englishMonths[month - 1]) \(year)"
        case (.en, .day): "\(day) \(Day.englishMonths[month - 1]) \(year)"
        }
    }

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
}

/// A time of day, `HH:MM` on the 24-hour clock, in China Standard Time (UTC+8, no daylight saving).
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses exactly `HH:MM`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), let h = Day.number(bytes[0..<2]),
            let m = Day.number(bytes[3..<5])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    public var description: String {
        (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + (minute < 10 ? "0\(minute)" : "\(minute)")
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }
}

/// A requirement's deadline as written: a day, or ▲ a day and a time (`2023-05-31 17:00`, China Standard Time).
///
/// The effective status compares the day alone with the build date (itself a day): a deadline on the build date
/// has not passed, whatever its time, so the call is shown as open all of its last day and closes with the first
/// build of the next day. Pages show the time beside the date (截止时间 2023年5月31日 17:00).
public struct Moment: Hashable, Sendable {
    public var day: Day
    public var time: TimeOfDay?

    public init(day: Day, time: TimeOfDay? = nil) {
        self.day = day
        self.time = time
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (one space).
    public init?(_ text: some StringProtocol) {
        if let day = Day(text) {
            self.init(day: day)
            return
        }
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[10] == UInt8(ascii: " ") else { return nil }
        let string = String(decoding: bytes, as: UTF8.self)
        guard let day = Day(string.prefix(10)), let time = TimeOfDay(string.suffix(5)) else { return nil }
        self.init(day: day, time: time)
    }

    /// As written: `2023-05-31` or `2023-05-31 17:00`.
    public var written: String { day.description + (time.map { " \($0)" } ?? "") }

    /// For readers: 2023年5月31日 17:00 / 31 May 2023, 17:00.
    public func text(in language: Language) -> String {
        guard let time else { return day.text(in: language) }
        return day.text(in: language) + language.pick(" \(time)", ", \(time)")
    }
}

/// Which written forms a date field takes (SCHEMA.md §3, §4).
public enum DateForm: Hashable, Sendable {
    /// `YYYY-MM-DD`.
    case day
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (`published`).
    case partial
    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (a requirement's `deadline`).
    case dayAndTime

    /// The forms, as the `date-invalid` message names them.
    public func pattern(_ l: Language) -> String {
        switch self {
        case .day: "YYYY-MM-DD"
        case .partial:
            l.pick(
                "YYYY-MM-DD（只知月份或年份时写 YYYY-MM 或 YYYY）",
                "YYYY-MM-DD (or YYYY-MM, YYYY when only the month or year is known)")
        case .dayAndTime:
            l.pick("YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间）", "YYYY-MM-DD or YYYY-MM-DD HH:MM (China Standard Time)")
        }
    }

    /// The value `text` means, in a form this field takes: `2023/5/1`, `2023.5.1`, `2023年5月1日`, `2023-5-1` and
    /// full-width digits give `2023-05-01`; `2018年11月` gives `2018-11` where a month is allowed; `2023/5/31 17:00`
    /// gives `2023-05-31 17:00` where a time is allowed (and the day alone where it is not). Nil when nothing can be
    /// read, when what is read is not a date in 2000…2099 that exists, or when it is `text` itself.
    public func suggestion(for text: String) -> String? {
        guard text.utf8.count <= 60 else { return nil }
        var numbers: [(value: Int, digits: Int)] = []
        var separators: [String] = [""]
        for scalar in text.trimmingWhitespace.unicodeScalars {
            var ascii = scalar
            if (0xFF01...0xFF5E).contains(scalar.value), let narrow = Unicode.Scalar(scalar.value - 0xFEE0) {
                ascii = narrow
            } else if scalar.value == 0x3000 {
                ascii = " "
            }
            if (48...57).contains(ascii.value) {
                let digit = Int(ascii.value) - 48
                if separators.count == numbers.count + 1 {
                    numbers.append((digit, 1))
                } else {
                    let last = numbers[numbers.count - 1]
                    numbers[numbers.count - 1] = (last.value * 10 + digit, last.digits + 1)
                }
                if numbers[numbers.count - 1].digits > 4 { return nil }
            } else {
                if separators.count == numbers.count { separators.append("") }
                separators[separators.count - 1].unicodeScalars.append(ascii)
            }
        }
        // separators[i] stands before numbers[i]; separators[numbers.count] (if any) after the last.
        guard !numbers.isEmpty, separators[0].isEmpty, numbers[0].digits == 4 else { return nil }
        let trailing = separators.count > numbers.count ? separators[numbers.count].trimmingWhitespace : ""
        func between(_ i: Int) -> String { separators[i] }
        let dateSeparators: Set<String> = ["-", "/", ".", "年", "月"]
        let year = numbers[0].value
        let count = numbers.count
        // The date part: year, month, day, each after a date separator.
        for i in 1..<min(count, 3) where !dateSeparators.contains(between(i)) || numbers[i].digits > 2 {
            return nil
        }
        var time: TimeOfDay?
        if count >= 5 {
            // After the day: a space, 日 or 号 (and spaces), or T; then `H:MM` or `HH:MM`, and `:00` seconds at most.
            guard count <= 6, ["", "日", "号", "T"].contains(between(3).trimmingWhitespace), between(4) == ":",
                numbers[3].digits <= 2, numbers[4].digits == 2,
                count == 5 || (between(5) == ":" && numbers[5].value == 0 && numbers[5].digits == 2)
            else { return nil }
            guard trailing.isEmpty else { return nil }
            time = TimeOfDay(hour: numbers[3].value, minute: numbers[4].value)
            guard time != nil else { return nil }
        } else if count == 4 {
            return nil
        } else {
            let allowedAfter: Set<String> =
                switch count {
                case 1: ["", "年"]
                case 2: ["", "月"]
                default: ["", "日", "号"]
                }
            guard allowedAfter.contains(trailing) else { return nil }
        }
        let suggestion: String
        switch count {
        case 1:
            guard self == .partial, let day = Day(year: year, month: nil) else { return nil }
            suggestion = day.written
        case 2:
            guard self == .partial, let day = Day(year: year, month: numbers[1].value) else { return nil }
            suggestion = day.written
        default:
            guard let day = Day(year: year, month: numbers[1].value, day: numbers[2].value) else { return nil }
            suggestion = self == .dayAndTime ? Moment(day: day, time: time).written : day.description
        }
        return suggestion == text.trimmingWhitespace ? nil : suggestion
    }
}
