/// A calendar day (no time, no zone). Dates in content are days; the build date is a day.
///
/// ▲ A list's `published` may be known only to the month or the year (`2018-11`, `2018`, SCHEMA.md §3): the day is
/// then the first day of that month or year, and `precision` says how much was written. Equality and order are
/// those of the day alone (a value written `2018` sorts and compares as 2018-01-01); `written` and `text(in:)`
/// show only what was written.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    /// How much of the date was written: `.year` for `2018`, `.month` for `2018-11`, `.day` otherwise.
    public let precision: Precision

    public enum Precision: Int, Hashable, Sendable, Comparable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    /// Only days that exist in 2000…2099 (SCHEMA.md §4, `date-invalid`).
    public init?(year: Int, month: Int, day: Int) {
        guard (2000...2099).contains(year), (1...12).contains(month),
            day >= 1, day <= Day.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.precision = .day
    }

    /// The first day of a month (`2018-11`), or of a year when `month` is nil (`2018`), remembered as written.
    public init?(year: Int, month: Int?) {
        guard let first = Day(year: year, month: month ?? 1, day: 1) else { return nil }
        self.year = first.year
        self.month = first.month
        self.day = first.day
        self.precision = month == nil ? .year : .month
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for b in bytes[range] {
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Unix times a build date may have: 1970-01-01T00:00:00Z through 9999-12-31T23:59:59Z, so the year always
    /// has four digits.
    public static let unixSecondsRange: ClosedRange<Int64> = 0...253_402_300_799

    /// 1970-01-01, the first day a build date may have.
    public static let epoch = Day(uncheckedYear: 1970, month: 1, day: 1)

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.precision = .day
    }

    /// The day of a Unix time in UTC (for `SOURCE_DATE_EPOCH`); nil outside `unixSecondsRange`.
    public init?(unixSeconds: Int64) {
        guard Day.unixSecondsRange.contains(unixSeconds) else { return nil }
        let days = Int(unixSeconds / 86_400)
        // Howard Hinnant's civil_from_days (non-negative days only here).
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
        self.precision = .day
    }

    /// Days since 1970-01-01, for day arithmetic (days left, 14-day windows).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func days(until other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public var description: String {
        // Digit by digit into a small string (every day has a four-digit year, `unixSecondsRange`): through
        // interpolation a day was some 1,500 instructions, and feeds and open data write one for every entry.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return Self.interpolated(year, month, day)
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, digits: Int, at start: Int) {
                var rest = value
                for index in (start..<(start + digits)).reversed() {
                    buffer[index] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                    rest /= 10
                }
            }
            put(year, digits: 4, at: 0)
            buffer[4] = 0x2D
            put(month, digits: 2, at: 5)
            buffer[7] = 0x2D
            put(day, digits: 2, at: 8)
            return 10
        }
    }

    /// `description` as interpolation writes it: what the digits above give, for any numbers.
    static func interpolated(_ year: Int, _ month: Int, _ day: Int) -> String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// The day alone: a date written `2018` is the same day as 2018-01-01 (it sorts as the first day).
    public static func == (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) == (b.year, b.month, b.day) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(month)
        hasher.combine(day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
