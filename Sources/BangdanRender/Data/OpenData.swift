import BangdanCore
import BangdanLoad
import BangdanSite

/// `/data/requirements.json`, `/data/requirements.csv` and `/data/lists.json`, with exactly the keys of
/// SCHEMA.md §8, in a fixed order so two builds give the same bytes. Written straight into byte buffers
/// (`ByteWriter`), one per requirement on both cores, then joined.
enum OpenData {
    /// The site-relative URL of a page (`/lists/x/y/`), as open data gives it.
    static func url(_ route: String) -> String { "/" + route }

    /// One requirement's object, on one line, keys in the order of SCHEMA.md §8.
    static func requirementObject(_ r: ResolvedRequirement, into w: inout ByteWriter) {
        let q = r.requirement
        w.byte(0x7B)
        w.key("id")
        w.jsonString(r.id)
        w.raw(",\"list\":")
        w.jsonString(q.listID)
        w.raw(",\"slug\":")
        w.jsonString(q.slug)
        w.raw(",\"url\":")
        w.jsonString(url(SiteModel.requirementRoute(r)))
        w.raw(",\"title\":")
        w.jsonString(q.title)
        w.raw(",\"code\":")
        w.jsonOptional(q.code)
        w.raw(",\"category\":")
        w.jsonString(r.category)
        w.raw(",\"industries\":")
        w.jsonArray(q.industries) { $0.jsonString($1) }
        w.raw(",\"region\":")
        w.jsonString(r.region)
        w.raw(",\"issuer\":{\"name\":")
        w.jsonString(q.issuer.name)
        w.raw(",\"type\":")
        w.jsonOptional(q.issuer.type?.rawValue)
        w.raw(",\"credit_code\":")
        w.jsonOptional(q.issuer.creditCode)
        w.raw("},\"bounty_wan\":")
        w.raw(q.bounty?.figure.map { $0.decimalString() } ?? "null")
        w.raw(q.bounty == .negotiable ? ",\"negotiable\":true" : ",\"negotiable\":false")
        w.raw(",\"funding\":")
        w.jsonOptional(q.funding)
        w.raw(",\"published\":")
        w.jsonString(r.published.description)
        w.raw(",\"deadline\":")
        w.jsonOptional(r.deadline?.description)
        w.raw(",\"status\":")
        w.jsonString(q.status.rawValue)
        w.raw(",\"effective_status\":")
        w.jsonString(r.effectiveStatus.rawValue)
        w.raw(",\"solvers\":")
        w.jsonArray(q.solvers) { w, solver in
            w.raw("{\"name\":")
            w.jsonString(solver.name)
            w.raw(",\"region\":")
            w.jsonOptional(solver.region)
            w.byte(0x7D)
        }
        w.raw(",\"keywords\":")
        w.jsonArray(q.keywords) { $0.jsonString($1) }
        w.raw(",\"indicators\":")
        w.jsonArray(q.indicators) { w, indicator in
            switch indicator {
            case .text(let text): w.jsonString(text)
            case .target(let name, let target):
                w.raw("{\"name\":")
                w.jsonString(name)
                w.raw(",\"target\":")
                w.jsonString(target)
                w.byte(0x7D)
            }
        }
        w.raw(",\"source\":")
        w.jsonOptional(q.source)
        w.raw(",\"summary\":")
        w.jsonOptional(r.summary)
        w.byte(0x7D)
    }

    static func requirementsJSON(_ model: SiteModel) -> [UInt8] {
        let rows = Parallel.map(model.requirements) { r -> [UInt8] in
            var w = ByteWriter(capacity: 1024)
            requirementObject(r, into: &w)
            return w.bytes
        }
        return joined(rows, head: "{\"requirements\":[\n", separator: ",\n", tail: "\n]}\n")
    }

    static let csvColumns = [
        "id", "list", "slug", "url", "title", "code", "category", "industries", "region", "issuer_name", "issuer_type",
        "issuer_credit_code", "bounty_wan", "negotiable", "funding", "published", "deadline", "status",
        "effective_status", "solvers", "keywords", "indicators", "source", "summary",
    ]

    /// The same rows as the JSON, arrays joined with `;`, UTF-8 with a BOM and CRLF line ends (RFC 4180) so that
    /// spreadsheet programs open Chinese text correctly.
    static func requirementsCSV(_ model: SiteModel) -> [UInt8] {
        let rows = Parallel.map(model.requirements) { r -> [UInt8] in
            let q = r.requirement
            let fields: [String] = [
                r.id, q.listID, q.slug, url(SiteModel.requirementRoute(r)), q.title, q.code ?? "", r.category,
                q.industries.joined(separator: ";"), r.region, q.issuer.name, q.issuer.type?.rawValue ?? "",
                q.issuer.creditCode ?? "", q.bounty?.figure?.decimalString() ?? "",
                q.bounty == .negotiable ? "true" : "false",
                q.funding ?? "", r.published.description, r.deadline?.description ?? "", q.status.rawValue,
                r.effectiveStatus.rawValue,
                q.solvers.map { solver in solver.region.map { "\(solver.name)（\($0)）" } ?? solver.name }.joined(
                    separator: ";"),
                q.keywords.joined(separator: ";"),
                q.indicators.map { indicator -> String in
                    switch indicator {
                    case .text(let text): text
                    case .target(let name, let target): "\(name)：\(target)"
                    }
                }.joined(separator: ";"),
                q.source ?? "", r.summary ?? "",
            ]
            var w = ByteWriter(capacity: 1024)
            for (i, field) in fields.enumerated() {
                if i > 0 { w.byte(0x2C) }
                w.csvField(field)
            }
            return w.bytes
        }
        var header = ByteWriter()
        header.raw([0xEF, 0xBB, 0xBF])
        for (i, column) in csvColumns.enumerated() {
            if i > 0 { header.byte(0x2C) }
            header.csvField(column)
        }
        header.raw("\r\n")
        return joined(rows, head: header.bytes, separator: "\r\n", tail: rows.isEmpty ? "" : "\r\n")
    }

    static func listsJSON(_ model: SiteModel) -> [UInt8] {
        let items = model.lists.map { entry -> [UInt8] in
            let list = entry.list, s = entry.statistics
            var w = ByteWriter(capacity: 1024)
            w.byte(0x7B)
            w.key("id")
            w.jsonString(list.id)
            w.raw(",\"url\":")
            w.jsonString(url(entry.route))
            w.raw(",\"title\":")
            w.jsonString(list.title)
            w.raw(",\"publisher\":")
            w.jsonString(list.publisher)
            w.raw(",\"region\":")
            w.jsonString(list.region)
            w.raw(",\"published\":")
            w.jsonString(list.published.description)
            w.raw(",\"deadline\":")
            w.jsonOptional(list.deadline?.description)
            w.raw(",\"program\":")
            w.jsonOptional(list.program)
            w.raw(",\"batch\":")
            if let batch = list.batch { w.int(batch) } else { w.raw("null") }
            w.raw(",\"stats\":{\"requirements\":")
            w.int(s.requirements)
            w.raw(",\"bounty_total_wan\":")
            w.raw(s.bountyTotal.decimalString())
            w.raw(",\"bounty_disclosed\":")
            w.int(s.bountyDisclosed)
            w.raw(",\"bounty_at_least_1000\":")
            w.int(s.bountyAtLeast1000)
            w.raw(",\"bounty_negotiable\":")
            w.int(s.bountyNegotiable)
            w.raw(",\"by_industry\":{")
            for (i, industry) in s.byIndustry.enumerated() {
                if i > 0 { w.byte(0x2C) }
                w.jsonString(industry.id)
                w.byte(0x3A)
                w.int(industry.count)
            }
            w.raw("},\"by_status\":{")
            for (i, status) in s.byStatus.enumerated() {
                if i > 0 { w.byte(0x2C) }
                w.jsonString(status.status.rawValue)
                w.byte(0x3A)
                w.int(status.count)
            }
            w.raw("},\"solvers_with_region\":")
            w.int(s.solversWithRegion)
            w.raw(",\"solvers_out_of_region\":")
            w.int(s.solversOutOfRegion)
            w.raw("}}")
            return w.bytes
        }
        return joined(items, head: "{\"lists\":[\n", separator: ",\n", tail: "\n]}\n")
    }

    /// `head`, the rows with `separator` between them, then `tail`, in one buffer sized once.
    static func joined(_ rows: [[UInt8]], head: String, separator: String, tail: String) -> [UInt8] {
        joined(rows, head: Array(head.utf8), separator: separator, tail: tail)
    }

    static func joined(_ rows: [[UInt8]], head: [UInt8], separator: String, tail: String) -> [UInt8] {
        let separator = Array(separator.utf8), tail = Array(tail.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(
            head.count + rows.reduce(0) { $0 + $1.count } + max(0, rows.count - 1) * separator.count + tail.count)
        out += head
        for (i, row) in rows.enumerated() {
            if i > 0 { out += separator }
            out += row
        }
        out += tail
        return out
    }
}
