import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore

/// ▲ SCHEMA.md §3: a `published` known only to the month or year sorts as its first day but is shown as
/// 2018年11月 / 2018年, never as a first day the notice never gave (the sample's Inner Mongolia list is known only
/// to January 2022, Jiangxi's first key-technology batch only to 2021).
@Suite struct PublishedPrecisionPageTests {
    static let pages = ["lists/index.html", "lists/2022-test/index.html", "lists/2022-test/good/index.html"]

    /// What a reader sees: the page without its scripts (JSON-LD keeps its machine dates) and tags.
    func visibleText(_ page: String, in site: FixtureSite) throws -> String {
        try site.read(page).replacing(/<script[^>]*>[\s\S]*?<\/script>/, with: "").replacing(/<[^>]+>/, with: " ")
    }

    func built(published: String, siteLanguage: String? = nil) throws -> FixtureSite {
        var files = [
            "\(listPath)/_index.md": FixtureSite.base["\(listPath)/_index.md"]!.replacingOccurrences(
                of: "published: 2022-06-29", with: "published: \(published)")
        ]
        if let siteLanguage {
            files["content/site.yml"] = FixtureSite.base["content/site.yml"]! + "\nlanguage: \(siteLanguage)"
        }
        let site = try FixtureSite(files)
        try site.build()
        return site
    }

    @Test func aMonthIsShownAsTheMonth() throws {
        let site = try built(published: "2018-11")
        for page in Self.pages {
            let html = try visibleText(page, in: site)
            #expect(html.contains("2018年11月"), "\(page) does not show 2018年11月")
            #expect(!html.contains("2018年11月1日"), "\(page) shows a first day the list never gave")
        }
    }

    @Test func aYearIsShownAsTheYear() throws {
        let site = try built(published: "2018")
        for page in Self.pages {
            let html = try visibleText(page, in: site)
            #expect(html.contains("2018年"), "\(page) does not show 2018年")
            #expect(!html.contains("2018年1月"), "\(page) shows a month or day the list never gave")
        }
    }

    /// English pages write dates in words (issue 12: `1 December 2026`), to the precision given.
    @Test func englishPagesShowTheDateToItsPrecisionInWords() throws {
        let site = try built(published: "2018-11", siteLanguage: "en")
        for page in Self.pages {
            let html = try visibleText(page, in: site)
            #expect(html.contains("November 2018"), "\(page) does not show November 2018")
            #expect(!html.contains("1 November 2018"), "\(page) shows a first day the list never gave")
            #expect(!html.contains("2018-11"), "\(page) shows the date as ISO")
        }
    }

    @Test func aFullDateIsShownInFull() throws {
        let site = try built(published: "2018-11-05")
        #expect(try visibleText("lists/2022-test/index.html", in: site).contains("2018年11月5日"))
    }
}

/// A day's text is written digit by digit: every day a content file or a build date may have reads as
/// interpolation writes it, `YYYY-MM-DD`.
@Suite struct DayTextTests {
    @Test func everyDayIsWrittenAsInterpolationWritesIt() throws {
        var day = try #require(Day(year: 2000, month: 1, day: 1))
        let last = try #require(Day(year: 2099, month: 12, day: 31))
        var count = 0
        while day <= last {
            #expect(day.description == Day.interpolated(day.year, day.month, day.day))
            day = try #require(Day(unixSeconds: Int64(day.daysSinceEpoch + 1) * 86_400))
            count += 1
        }
        #expect(count == 36_525)
        for seconds: Int64 in [0, 86_399, 951_782_400, 253_402_300_799] {
            let built = try #require(Day(unixSeconds: seconds))
            #expect(built.description == Day.interpolated(built.year, built.month, built.day))
        }
        #expect(Day.epoch.description == "1970-01-01")
        #expect(try #require(Day(unixSeconds: 253_402_300_799)).description == "9999-12-31")
        #expect(try #require(Day(year: 2018, month: 11)).description == "2018-11-01")
    }
}
