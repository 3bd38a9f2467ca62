import Foundation
import Synchronization
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanSchema
@testable import Mustache

/// Golden pages: a small site (two sample lists, page_size 4) built at a fixed date, and the exact bytes of a few
/// pages of each kind. A change to what readers see shows up as a diff of `Tests/BangdanTests/Fixtures/golden/
/// expected/` in review. `make golden` rewrites the expected files from the current code.
@Suite struct GoldenPageTests {
    static let pages = [
        "index.html", "lists/index.html",
        "lists/2020-zhongguancun-strong-chain/index.html", "lists/2020-zhongguancun-strong-chain/page/2/index.html",
        "lists/2020-zhongguancun-strong-chain/ipc-encryption-chip/index.html",
        "lists/2022-shandong-key-tech/mine-truck-perception/index.html",
        "lists/2022-shandong-key-tech/mine-gas-early-warning/index.html", "lists/2022-shandong-key-tech/index.html",
        "industries/index.html", "industries/new-generation-it/index.html",
        "regions/index.html", "regions/beijing/index.html",
        "search/index.html", "404.html", "feed.xml", "sitemap.xml",
        "data/lists.json", "data/requirements.json", "data/requirements.csv",
    ]

    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden").path
    }

    @Test(arguments: pages) func pageIsByteForByteAsExpected(_ page: String) throws {
        let built = try Self.built()
        let actual = try #require(FileManager.default.contents(atPath: built + "/" + page), "\(page) was not written")
        let expectedPath = Self.fixtures + "/expected/" + page
        if ProcessInfo.processInfo.environment["BANGDAN_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                atPath: (expectedPath as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try actual.write(to: URL(fileURLWithPath: expectedPath))
            return
        }
        let expected = try #require(
            FileManager.default.contents(atPath: expectedPath),
            "no golden file for \(page): run `make golden`")
        #expect(
            String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
            "\(page) differs from its golden file: review the change, then run `make golden`")
    }

    /// ▲ The bilingual golden site (issue 12): the golden site with `languages: [zh-CN, en]` and a list and a
    /// requirement given `title_en` (`bilingual/overlay/` over `site/`), a few pages of each kind in both languages.
    static let bilingualPages = [
        "index.html", "en/index.html", "en/lists/index.html",
        "lists/2022-shandong-key-tech/index.html", "en/lists/2022-shandong-key-tech/index.html",
        "en/lists/2020-zhongguancun-strong-chain/page/2/index.html",
        "lists/2022-shandong-key-tech/mine-truck-perception/index.html",
        "en/lists/2022-shandong-key-tech/mine-truck-perception/index.html",
        "en/lists/2022-shandong-key-tech/mine-gas-early-warning/index.html",
        "en/industries/index.html", "en/industries/new-generation-it/index.html", "en/regions/beijing/index.html",
        "en/search/index.html", "en/404.html", "sitemap.xml", "en/search/manifest.json",
    ]

    @Test(arguments: bilingualPages) func bilingualPageIsByteForByteAsExpected(_ page: String) throws {
        let built = try Self.builtBilingual()
        let actual = try #require(FileManager.default.contents(atPath: built + "/" + page), "\(page) was not written")
        let expectedPath = Self.fixtures + "/bilingual/expected/" + page
        if ProcessInfo.processInfo.environment["BANGDAN_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                atPath: (expectedPath as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try actual.write(to: URL(fileURLWithPath: expectedPath))
            return
        }
        let expected = try #require(
            FileManager.default.contents(atPath: expectedPath),
            "no golden file for \(page): run `make golden`")
        #expect(
            String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
            "\(page) differs from its golden file: review the change, then run `make golden`")
    }

    /// The bilingual golden site, built once per test run: `site/` with `bilingual/overlay/` copied over it.
    static func builtBilingual() throws -> String {
        try bilingualCache.withLock { output in
            if let output { return output }
            let site = NSTemporaryDirectory() + "bangdan-golden-bilingual-" + UUID().uuidString
            try FileManager.default.copyItem(atPath: fixtures + "/site", toPath: site)
            let overlay = fixtures + "/bilingual/overlay"
            for path in FileManager.default.subpaths(atPath: overlay) ?? [] {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: overlay + "/" + path, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                else { continue }
                try? FileManager.default.removeItem(atPath: site + "/" + path)
                try FileManager.default.copyItem(atPath: overlay + "/" + path, toPath: site + "/" + path)
            }
            let built = try Build.build(site: site, buildDate: try #require(Day(year: 2023, month: 1, day: 1)))
            #expect(
                built.filesWritten != nil, "the bilingual site does not build: \(describe(built.checked.diagnostics))")
            output = site + "/public"
            return site + "/public"
        }
    }

    private static let bilingualCache = Mutex<String?>(nil)

    /// One build of the golden site per test run, into a temporary folder (the fixture itself is never written).
    static func built() throws -> String {
        try cache.withLock { output in
            if let output { return output }
            let site = NSTemporaryDirectory() + "bangdan-golden-" + UUID().uuidString
            try FileManager.default.copyItem(atPath: fixtures + "/site", toPath: site)
            let built = try Build.build(site: site, buildDate: try #require(Day(year: 2023, month: 1, day: 1)))
            #expect(built.filesWritten != nil, "the golden site does not build: \(describe(built.checked.diagnostics))")
            output = site + "/public"
            return site + "/public"
        }
    }

    private static let cache = Mutex<String?>(nil)
}
