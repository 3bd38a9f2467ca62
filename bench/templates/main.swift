// Renders the default theme's templates with view models shaped like the ones PageBuilder builds (a requirement
// page, a list page of 50 cards, a card) and prints the time per page. Built by bench/templates/run.sh against
// the engine of any two revisions; it only uses `Template(text)` and `render(_:library:)` with `[String: Any]`.
import Foundation

let folder = CommandLine.arguments[1]
let rounds = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 5

func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}

// 140 interface strings, as the language tables hold; the theme's own `t.` names among them.
var strings: [String: String] = [:]
for index in 0..<140 { strings["key_\(index)"] = "界面文字\(index)" }
var library: [String: Template] = [:]
var texts: [String: String] = [:]
for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".mustache") {
    let text = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
    for match in text.matches(of: /\{\{\{?t\.([a-z0-9_]+)/) { strings[String(match.1)] = "界面文字" + match.1 }
    texts[String(file.dropLast(".mustache".count))] = text
}
let site: [String: String] = ["base": "/bangdan/", "lang": "zh-CN", "site_title": "揭榜挂帅榜单公示", "og_locale": "zh_CN",
                              "built": "2026年1月1日", "built_iso": "2026-01-01"]
// As Theme does: per-site constants folded into the text before parsing.
var constants = site
for (key, value) in strings { constants["t." + key] = value }
for (name, text) in texts {
    var out = "", rest = Substring(text)
    while let open = rest.range(of: "{{") {
        out += rest[..<open.lowerBound]
        let triple = rest[open.upperBound...].hasPrefix("{")
        let nameStart = triple ? rest.index(after: open.upperBound) : open.upperBound
        if let close = rest[nameStart...].range(of: triple ? "}}}" : "}}"),
           let value = constants[String(rest[nameStart..<close.lowerBound])] {
            out += triple ? value : escape(value)
            rest = rest[close.upperBound...]
        } else {
            out += "{{"
            rest = rest[open.upperBound...]
        }
    }
    library[name] = try Template(out + rest)
}

func layout(_ title: String) -> [String: Any] {
    var vm: [String: Any] = site
    vm["t"] = strings
    vm["page_title"] = "\(title) - 揭榜挂帅榜单公示"
    vm["heading"] = title
    vm["column"] = "需求详情"
    vm["canonical"] = "https://example.org/bangdan/lists/2022-shandong/need-001/"
    vm["description"] = String(repeating: "面向高端装备的关键技术需求，", count: 4)
    vm["og_type"] = "article"
    vm["nav"] = ["首页", "榜单", "产业", "地区", "检索"].enumerated().map { index, name -> [String: Any] in
        ["name": name, "url": "/bangdan/section-\(index)/", "current": index == 1]
    }
    for flag in ["has_cards", "has_files", "has_indicators", "has_texts", "has_targets", "has_solvers", "has_keywords",
                 "has_attachments", "has_subterms", "has_lists_here", "has_neighbours"] { vm[flag] = false }
    vm["meta_keywords"] = "节能,输送,智能化"
    vm["footer"] = "示例站点：内容整理自公开报道。"
    vm["article"] = ["title": title, "pubdate": "2022-06-01", "source": "山东省科学技术厅"]
    vm["breadcrumb"] = ["items": [["name": "首页", "url": "/bangdan/"], ["name": "榜单", "url": "/bangdan/lists/"]],
                        "current": title]
    return vm
}

func card(_ index: Int) -> [String: Any] {
    ["title": "高性能锂电池隔膜制备工艺开发 \(index)", "url": "/bangdan/lists/2022-shandong/need-\(index)/",
     "status": "征集中", "status_class": "open", "closing_soon": index % 5 == 0, "code": index % 2 == 0 ? "SD-2022-\(index)" : false,
     "issuer": "力博重工股份有限公司", "industries": "高端装备制造、新材料", "region": "济南市",
     "bounty": index % 3 == 0 ? false : "500万元", "deadline": "2022年8月1日", "t": strings, "base": "/bangdan/"]
}

func requirementPage() -> [String: Any] {
    var vm = layout("大型矿用卡车智能化关键技术研究")
    vm["jsonld"] = "{\"@context\":\"https://schema.org\",\"@type\":\"Demand\",\"name\":\"大型矿用卡车\"}"
    vm["status"] = "征集中"
    vm["status_class"] = "open"
    vm["lifecycle"] = ["征集中", "对接中", "已揭榜", "已截止"].enumerated().map { index, label -> [String: Any] in
        ["label": label, "class": index == 0 ? "current" : "todo", "current": index == 0]
    }
    vm["industries"] = [["name": "高端装备制造", "url": "/bangdan/industries/equipment/"],
                        ["name": "智能制造", "url": "/bangdan/industries/smart/"]]
    vm["region"] = ["name": "济南市", "url": "/bangdan/regions/jinan/"]
    vm["category"] = "关键核心技术"
    vm["code"] = "SD-2022-001"
    vm["list"] = ["title": "2022年山东省重点研发计划揭榜挂帅榜单", "url": "/bangdan/lists/2022-shandong/"]
    vm["bounty"] = "500万元"
    vm["published"] = "2022年6月1日"
    vm["deadline"] = "2022年8月1日"
    vm["issuer"] = ["name": "力博重工股份有限公司", "credit_code": "91350100M000100Y43"]
    vm["body"] = String(repeating: "<p>需要研发一种适用于大型露天矿山的智能化矿用卡车，实现无人驾驶与远程调度。</p>\n", count: 12)
    vm["has_indicators"] = true
    vm["has_texts"] = true
    vm["has_targets"] = true
    vm["indicator_texts"] = [["text": "能耗降低30%"], ["text": "可靠性提升"]]
    vm["indicator_targets"] = [["name": "输送量", "target": "5000 t/h"], ["name": "能耗", "target": "≤ 1.2 kWh/t"]]
    vm["has_solvers"] = true
    vm["solvers"] = [["name": "山东大学（济南市）"]]
    vm["contact"] = ["name": "张工", "phone": "0531-8888 6666", "tel": "tel:053188886666", "email": "zhang@example.org",
                     "mailto": "mailto:zhang@example.org", "address": false]
    vm["has_keywords"] = true
    vm["keywords"] = ["节能", "输送", "智能化"].map { ["text": $0, "url": "/bangdan/search/?q=\($0)"] }
    vm["has_neighbours"] = true
    vm["previous_item"] = ["title": "上一条需求", "url": "/bangdan/lists/2022-shandong/need-000/"]
    vm["next_item"] = ["title": "下一条需求", "url": "/bangdan/lists/2022-shandong/need-002/"]
    return vm
}

let cardHTML = (0..<50).map { String(decoding: library["card"]!.render(card($0), library: library), as: UTF8.self) }

func listPage() -> [String: Any] {
    var vm = layout("2022年山东省重点研发计划揭榜挂帅榜单")
    vm["facts"] = ["发布单位", "地区", "发布日期", "截止日期"].map { ["label": $0, "value": "山东省科学技术厅", "url": false] }
    vm["stats"] = (0..<6).map { ["value": "\($0 * 7)", "label": "统计\($0)"] }
    vm["charts"] = [["title": "按产业领域", "svg": "<svg class=\"chart\"></svg>",
                     "rows": (0..<8).map { ["label": "产业\($0)", "count": "\($0)"] }]]
    vm["has_cards"] = true
    vm["cards"] = cardHTML.map { ["html": $0] }
    vm["pager"] = ["pages": (1...3).map { ["number": "\($0)", "url": "/bangdan/lists/x/page/\($0)/", "current": $0 == 1] },
                   "prev_url": false, "next_url": "/bangdan/lists/x/page/2/"]
    return vm
}

// One view model per page kind, rendered many times: each render takes the `[String: Any]` view model afresh,
// as in a build (neither engine keeps anything from one render to the next).
func measure(_ name: String, template: String, count: Int, _ model: [String: Any]) {
    var best = Double.infinity
    var bytes = 0
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<count { bytes &+= library[template]!.render(model, library: library).count }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count) / 1000)
    }
    print(String(format: "%-12@ %8.1f µs a page (best of %d rounds of %d; %d bytes)", name, best, rounds, count,
                 bytes / rounds / count))
}

measure("requirement", template: "requirement", count: 4000, requirementPage())
measure("list", template: "list", count: 1000, listPage())
measure("card", template: "card", count: 20000, card(7))
