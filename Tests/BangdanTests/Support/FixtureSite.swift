import Foundation
import Testing

@testable import BangdanBuild
@testable import BangdanCore
@testable import BangdanLoad
@testable import BangdanSchema
@testable import BangdanSite
@testable import Mustache

/// A small site written into a temporary folder: the base files of a valid site, plus what a test adds.
/// Removed when the value goes away.
final class FixtureSite {
    let root: String

    static let base: [String: String] = [
        "content/site.yml": """
        title: 测试榜单网
        base_url: https://example.org/bangdan/
        page_size: 2
        """,
        "content/industries.yml": """
        new-generation-it:
          name: 新一代信息技术
        integrated-circuits:
          name: 集成电路
          parent: new-generation-it
        high-end-equipment:
          name: 高端装备制造
        new-materials:
          name: 新材料
        """,
        "content/regions.yml": """
        beijing:
          name: 北京市
          code: "110000"
        zhongguancun:
          name: 中关村
          parent: beijing
        shandong:
          name: 山东省
          code: "370000"
        jinan:
          name: 济南市
          parent: shandong
        jiangxi:
          name: 江西省
        """,
        "content/categories.yml": """
        key-technology:
          name: 关键技术类
        enterprise-demand:
          name: 企业需求类
        """,
        "content/lists/2022-test/_index.md": """
        ---
        title: 测试榜单
        publisher: 山东省工业和信息化厅
        region: shandong
        published: 2022-06-29
        category: key-technology
        ---
        本榜单用于测试。
        """,
        "content/lists/2022-test/good.md": """
        ---
        title: 超低功耗散料输送高端装备
        industry: high-end-equipment
        issuer:
          name: 力博重工
        bounty: 9600万元
        ---
        正文第一段。
        """,
    ]

    /// `files` are added to (or replace) the base; `omit` removes base files.
    init(_ files: [String: String] = [:], omit: [String] = []) throws {
        root = NSTemporaryDirectory() + "bangdan-test-" + UUID().uuidString
        var all = Self.base
        for path in omit { all[path] = nil }
        for (path, text) in files { all[path] = text }
        for (path, text) in all { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func absolute(_ path: String) -> String { root + "/" + path }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: absolute(path))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: absolute(path)) }

    /// 2023-01-01 unless given: after the fixture list's publication, before most deadlines tests set.
    func check(buildDate: Day = Day(year: 2023, month: 1, day: 1)!, strict: Bool = false) throws -> Build.Checked {
        try Build.check(site: root, buildDate: buildDate, strict: strict)
    }

    func diagnostics(buildDate: Day = Day(year: 2023, month: 1, day: 1)!) throws -> [Diagnostic] {
        try check(buildDate: buildDate).diagnostics
    }
}

/// A requirement file with the required fields, plus `lines` (which may replace a required one by name).
func requirement(_ lines: String = "", dropping: [String] = []) -> String {
    let required = [
        ("title", "title: 测试需求"),
        ("industry", "industry: new-materials"),
        ("issuer", "issuer:\n  name: 测试企业"),
    ]
    let extra = lines.isEmpty ? [] : lines.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let overridden = Set(extra.compactMap { $0.split(separator: ":").first.map(String.init) })
    let kept = required.filter { !dropping.contains($0.0) && !overridden.contains($0.0) }.map(\.1)
    return (["---"] + kept + extra + ["---", "正文。"]).joined(separator: "\n")
}

/// Asserts that exactly one diagnostic has this rule, and that it sits at this path and line (and column).
@discardableResult
func expectDiagnostic(
    _ diagnostics: [Diagnostic], _ rule: Rule, path: String, line: Int, column: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let matching = diagnostics.filter { $0.rule == rule }
    #expect(
        matching.count == 1, "expected one \(rule.rawValue), got \(describe(diagnostics))",
        sourceLocation: sourceLocation)
    guard let d = matching.first else { return nil }
    #expect(d.path == path, sourceLocation: sourceLocation)
    #expect(d.line == line, "\(rule.rawValue) at \(d.line):\(d.column)", sourceLocation: sourceLocation)
    if let column {
        #expect(d.column == column, "\(rule.rawValue) at \(d.line):\(d.column)", sourceLocation: sourceLocation)
    }
    return d
}

func describe(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.isEmpty
        ? "nothing"
        : diagnostics.map { "\($0.path):\($0.line):\($0.column) \($0.rule.rawValue) \($0.message(in: .en))" }.joined(
            separator: "; ")
}

let listPath = "content/lists/2022-test"
