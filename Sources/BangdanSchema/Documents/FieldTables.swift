import BangdanCore
import BangdanLoad

/// The field tables of the documentation (`docs/FIELDS.md`), generated from `Schema` like everything else that
/// describes a field, so the docs cannot drift from what `check` enforces.
public enum FieldTables {
    public static func markdown() -> String {
        var out = """
            # Front-matter fields

            Generated from `Sources/BangdanSchema/Declaration/Schema.swift` by `bangdan schema --format markdown`; a test fails
            when this file and the declaration disagree. The rules and messages, for officers: docs/CONTENT.md.

            """
        let sections: [(String, [FieldSpec])] = [
            ("`_index.md` — a list", Schema.list.specs()),
            ("`<slug>.md` — a requirement", Schema.requirement.specs()),
            ("`issuer`", Schema.issuer.specs()),
            ("`solvers` entries (or plain text)", Schema.solver.specs()),
            ("`contact`", Schema.contact.specs()),
            ("`indicators` entries (or plain text)", Schema.indicator.specs()),
            ("`attachments` entries", Schema.attachment.specs()),
            ("`declared` (a list's)", Schema.declared.specs()),
            ("`timeline` entries", Schema.timelineEntry.specs()),
            ("Vocabulary terms (`industries.yml`, `regions.yml`, `categories.yml`)", Schema.term.specs()),
            ("`regions.yml` terms also take", Array(Schema.region.specs().dropFirst(Schema.term.count))),
            ("`site.yml`", Schema.site.specs()),
        ]
        for (title, fields) in sections {
            out += "\n## \(title)\n\n| field | type | required | meaning | rules |\n|---|---|---|---|---|\n"
            for field in fields {
                let ordered = field.name == "timeline" ? [Rule.timelineOrder.rawValue] : []
                let rules = (field.required ? ["missing-field"] : []) + ["type"] + rules(field.kind) + ordered
                out +=
                    "| `\(field.name)` | \(type(field.kind)) | \(field.required ? "yes" : "no") | \(field.doc.zh) / \(field.doc.en) | "
                    + Array(Set(rules)).sorted().map { "`\($0)`" }.joined(separator: " ") + " |\n"
            }
        }
        return out
    }

    static func type(_ kind: FieldKind) -> String {
        switch kind {
        case .text(let max): "text ≤ \(max)"
        case .integer(let range): "integer \(range.lowerBound)…\(range.upperBound)"
        case .date: "date `YYYY-MM-DD`"
        case .partialDate: "date `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` (sorts as the first day)"
        case .dateTime: "date `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM` (China Standard Time)"
        case .boolean: "`true` or `false`"
        case .url: "http(s) URL"
        case .time: "time `HH:MM`"
        case .pairs(let label, let text, let max): "mapping (≤ \(max) pairs) of label text ≤ \(label) → text ≤ \(text)"
        case .amount:
            "amount in 万元: a figure with or without a unit (元/万/亿; 美元/欧元/港元), a range, a minimum or maximum, 面议 or 不设金额"
        case .choice(let choice): "one of " + choice.words.map { "`\($0)`" }.joined(separator: ", ")
        case .term(let vocabulary): "id in `\(vocabulary.fileName)`"
        case .terms(let vocabulary, let max): "id in `\(vocabulary.fileName)`, or a list of 1–\(max)"
        case .email: "email address"
        case .phone: "phone: 7–20 of digits, space, `+ - ( )`, then an extension or not (`转542`, `-542`, `ext. 542`)"
        case .creditCode: "统一社会信用代码 (GB 32100-2015)"
        case .link: "http(s) URL or a file in the list folder"
        case .list(let item, let max): "list (≤ \(max)) of " + type(item)
        case .oneOrMany(.record, let max): "mapping below, or a list of 1–\(max) of them"
        case .oneOrMany(let item, let max): type(item) + ", or a list of 1–\(max)"
        case .orWord(let inner, let word): type(inner) + ", or the text `\(word)`"
        case .record: "mapping, below"
        case .textOrRecord(let max, _): "text ≤ \(max), or a mapping below"
        }
    }

    static func rules(_ kind: FieldKind) -> [String] {
        switch kind {
        case .text: [Rule.textTooLong, .textInvalid].map(\.rawValue)
        case .integer: []
        case .date, .partialDate, .dateTime: [Rule.dateInvalid.rawValue]
        case .boolean: []
        case .url: [Rule.urlInvalid.rawValue]
        case .time: []
        case .pairs: [Rule.tooManyValues, .textTooLong, .textInvalid].map(\.rawValue)
        case .amount: [Rule.bountyInvalid.rawValue]
        case .choice(.status): [Rule.unknownStatus.rawValue]
        case .choice(.issuerType): [Rule.unknownIssuerType.rawValue]
        case .choice(.language), .choice(.solverRole): []
        case .term(let vocabulary): [vocabulary.unknownRule.rawValue]
        case .terms(let vocabulary, _): [vocabulary.unknownRule.rawValue, Rule.tooManyValues.rawValue]
        case .email, .phone: [Rule.contactInvalid.rawValue]
        case .creditCode: [Rule.creditCodeInvalid.rawValue]
        case .link: [Rule.urlInvalid.rawValue, Rule.attachmentMissing.rawValue]
        case .list(let item, _), .oneOrMany(let item, _): [Rule.tooManyValues.rawValue] + rules(item)
        case .orWord(let inner, _): rules(inner)
        case .record: [Rule.unknownField.rawValue]
        case .textOrRecord: [Rule.textTooLong.rawValue, Rule.unknownField.rawValue]
        }
    }
}
