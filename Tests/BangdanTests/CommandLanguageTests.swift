import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore

/// Issue 11 item 5: the command's own texts — help, usage errors, summaries, "wrote N files", environment errors —
/// are in Chinese when the site's language or the locale is Chinese, in English otherwise.
@Suite struct CommandLanguageTests {
    static let date = ["SOURCE_DATE_EPOCH": "1672531200"]
    static let chineseLocale = date.merging(["LANG": "zh_CN.UTF-8"]) { $1 }
    static let englishLocale = date.merging(["LANG": "en_US.UTF-8"]) { $1 }

    func emptyFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "bangdan-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    func englishSite() throws -> FixtureSite {
        try FixtureSite([
            "content/site.yml":
                "title: Test lists\nbase_url: https://example.org/bangdan/\nlanguage: en\npage_size: 2\n"
        ])
    }

    @Test func helpIsChineseUnderAChineseLocale() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for arguments in [["--help"], ["build", "--help"], ["help", "new"]] {
            let run = try Binary.run(arguments, in: folder, environment: Self.chineseLocale)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout.contains("用法：bangdan"), "\(arguments): \(run.stdout)")
            #expect(run.stdout.contains("显示帮助。"))
            for english in ["OVERVIEW", "USAGE", "OPTIONS", "Show help information", "Check, then write"] {
                #expect(!run.stdout.contains(english), "\(arguments) still says \(english): \(run.stdout)")
            }
        }
    }

    @Test func helpFollowsTheSitesLanguageWhenTheLocaleSaysNothing() throws {
        let chinese = try FixtureSite()
        let run = try Binary.run(["build", "--help", "--site", chinese.root], environment: Self.date)
        #expect(run.stdout.contains("先检查，再写出网站"), "\(run.stdout)")
        let english = try englishSite()
        let other = try Binary.run(["build", "--help", "--site=\(english.root)"], environment: Self.date)
        #expect(other.stdout.contains("USAGE: bangdan build"), "\(other.stdout)")
        #expect(other.stdout.contains("Check, then write the site"))
    }

    @Test func helpIsEnglishWithoutASiteOrAChineseLocale() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for environment in [Self.date, Self.englishLocale] {
            let run = try Binary.run(["--help"], in: folder, environment: environment)
            #expect(run.stdout.contains("OVERVIEW: Publish 揭榜挂帅 challenge lists"), "\(run.stdout)")
        }
    }

    @Test func usageErrorsAreChineseAndExitWithTwo() throws {
        let site = try FixtureSite()
        let missing = try Binary.run(["new", "--site", site.root], environment: Self.date)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("错误：缺少参数 <list-id>"), "\(missing.stderr)")
        #expect(missing.stderr.contains("用法：bangdan new"))
        #expect(missing.stderr.contains("详见 'bangdan new --help'。"))
        let unknown = try Binary.run(["build", "--site", site.root, "--forse"], environment: Self.date)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("错误：没有选项 --forse。是否应为 --force？"), "\(unknown.stderr)")
        let invalid = try Binary.run(["serve", "--site", site.root, "--port", "abc"], environment: Self.date)
        #expect(invalid.stderr.contains("--port <port> 的值 'abc' 无效"), "\(invalid.stderr)")
        let slug = try Binary.run(["new", "Bad_List", "x", "--site", site.root], environment: Self.date)
        #expect(slug.status == 2)
        #expect(slug.stderr.contains("只能用小写字母、数字和单个连字符"), "\(slug.stderr)")
    }

    @Test func aChineseSiteIsBuiltWithChineseSummaries() throws {
        let site = try FixtureSite()
        let check = try Binary.run(["check", "--site", site.root], environment: Self.englishLocale)
        #expect(check.status == 0)
        #expect(check.stderr.contains("0 个错误，0 个警告，0 条提示（0 errors, 0 warnings, 0 notices）"), "\(check.stderr)")
        let build = try Binary.run(["build", "--site", site.root], environment: Self.date)
        #expect(build.stderr.contains("bangdan build：已写入 "), "\(build.stderr)")
        #expect(!build.stderr.contains("wrote"))
        let again = try Binary.run(["build", "--site", site.root], environment: Self.date)
        #expect(again.stderr.contains("没有变化"), "\(again.stderr)")
    }

    @Test func anEnglishSiteSpeaksEnglishUnlessTheLocaleIsChinese() throws {
        let site = try englishSite()
        let build = try Binary.run(["build", "--site", site.root], environment: Self.date)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("\n0 errors, 0 warnings, 0 notices\n") || build.stderr.hasPrefix("0 errors"))
        #expect(build.stderr.contains("bangdan build: wrote "), "\(build.stderr)")
        let chinese = try Binary.run(["build", "--site", site.root], environment: Self.chineseLocale)
        #expect(chinese.stderr.contains("没有变化"), "\(chinese.stderr)")
    }

    @Test func environmentErrorsFollowTheLanguage() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let chinese = try Binary.run(["check", "--site", folder], environment: Self.chineseLocale)
        #expect(chinese.status == 2)
        #expect(chinese.stderr.contains("bangdan: 找不到内容文件夹"), "\(chinese.stderr)")
        let english = try Binary.run(["check", "--site", folder], environment: Self.date)
        #expect(english.stderr.contains("bangdan: no content folder at"), "\(english.stderr)")
        let site = try FixtureSite()
        let epoch = try Binary.run(["check", "--site", site.root], environment: ["SOURCE_DATE_EPOCH": "abc"])
        #expect(epoch.status == 2)
        #expect(epoch.stderr.contains("SOURCE_DATE_EPOCH 的值 'abc' 不能用：应为自 1970-01-01 UTC 起的整秒数"), "\(epoch.stderr)")
    }

    @Test func aSiteYmlDeclaresItsLanguage() throws {
        let (chinese, english) = (try FixtureSite(), try englishSite())
        #expect(Build.declaredLanguage(site: chinese.root) == .zhCN)
        #expect(Build.declaredLanguage(site: english.root) == .en)
        let both = try FixtureSite([
            "content/site.yml": "title: T\nbase_url: https://example.org/\nlanguages: [en, zh-CN]\n"
        ])
        #expect(Build.declaredLanguage(site: both.root) == .en)
        #expect(Build.declaredLanguage(site: "/nonexistent-\(UUID().uuidString)") == nil)
    }
}
