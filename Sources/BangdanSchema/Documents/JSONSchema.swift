import BangdanCore

/// `bangdan schema`: a JSON Schema (draft 2020-12) of list and requirement front matter, generated from
/// `Schema`, so editors (VS Code YAML) check files as officers type. With vocabularies, term fields list their ids.
public enum JSONSchema {
    public static func document(vocabularies: Vocabularies? = nil) -> String {
        let generator = Generator(vocabularies: vocabularies)
        return JSONText.object([
            ("$schema", JSONText.quote("https://json-schema.org/draft/2020-12/schema")),
            ("$id", JSONText.quote("https://bangdan.invalid/schema/front-matter.json")),
            ("title", JSONText.quote("Bangdan front matter")),
            (
                "description",
                JSONText.quote("榜单（_index.md）或技术需求（<slug>.md）的前置元数据 / front matter of a list or a requirement")
            ),
            (
                "$defs",
                JSONText.object([
                    ("list", generator.object(Schema.list.specs(), description: "榜单 _index.md / a list")),
                    ("requirement", generator.object(Schema.requirement.specs(), description: "技术需求 / a requirement")),
                ])
            ),
            (
                "anyOf",
                JSONText.array([
                    JSONText.object([("$ref", JSONText.quote("#/$defs/list"))]),
                    JSONText.object([("$ref", JSONText.quote("#/$defs/requirement"))]),
                ])
            ),
        ]) + "\n"
    }

    private struct Generator {
        let vocabularies: Vocabularies?

        func object(_ fields: [FieldSpec], description: String? = nil) -> String {
            var pairs: [(String, String)] = [("type", JSONText.quote("object"))]
            if let description { pairs.append(("description", JSONText.quote(description))) }
            pairs.append(
                (
                    "properties",
                    JSONText.object(
                        fields.map { field in
                            (field.name, schema(field.kind, description: "\(field.doc.zh) / \(field.doc.en)"))
                        })
                ))
            let required = fields.filter(\.required).map { JSONText.quote($0.name) }
            if !required.isEmpty { pairs.append(("required", JSONText.array(required))) }
            pairs.append(("additionalProperties", "false"))
            return JSONText.object(pairs)
        }

        func schema(_ kind: FieldKind, description: String? = nil) -> String {
            var pairs: [(String, String)]
            switch kind {
            case .text(let max):
                pairs = [("type", q("string")), ("maxLength", "\(max)")]
            case .integer(let range):
                pairs = [
                    ("type", q("integer")), ("minimum", "\(range.lowerBound)"), ("maximum", "\(range.upperBound)"),
                ]
            case .date:
                pairs = [
                    ("type", q("string")), ("format", q("date")), ("pattern", q("^20[0-9]{2}-[01][0-9]-[0-3][0-9]$")),
                ]
            case .partialDate:
                // YAML reads `2018` as a number: editors see an integer.
                pairs = [
                    (
                        "anyOf",
                        JSONText.array([
                            JSONText.object([
                                ("type", q("string")), ("pattern", q("^20[0-9]{2}(-[01][0-9](-[0-3][0-9])?)?$")),
                            ]),
                            JSONText.object([("type", q("integer")), ("minimum", "2000"), ("maximum", "2099")]),
                        ])
                    )
                ]
            case .dateTime:
                pairs = [
                    ("type", q("string")),
                    ("pattern", q("^20[0-9]{2}-[01][0-9]-[0-3][0-9]( [0-2][0-9]:[0-5][0-9])?$")),
                ]
            case .boolean:
                pairs = [("type", q("boolean"))]
            case .url:
                pairs = [("type", q("string")), ("pattern", q("^https?://[^\\s/?#]+"))]
            case .time:
                pairs = [("type", q("string")), ("pattern", q("^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
            case .pairs(let label, let text, let max):
                pairs = [
                    ("type", q("object")),
                    ("propertyNames", JSONText.object([("minLength", "1"), ("maxLength", "\(label)")])),
                    ("additionalProperties", schema(.text(max: text))), ("maxProperties", "\(max)"),
                ]
            case .amount:
                pairs = [
                    (
                        "anyOf",
                        JSONText.array([
                            JSONText.object([("type", q("number")), ("exclusiveMinimum", "0"), ("maximum", "10000000")]
                            ),
                            JSONText.object([
                                ("type", q("string")), ("pattern", q(Amount.writtenPattern)),
                            ]),
                        ])
                    )
                ]
            case .choice(let choice):
                pairs = [("enum", JSONText.array(choice.words.map(q)))]
            case .term(let kind):
                if let ids = vocabularies?[kind].terms.map(\.id), !ids.isEmpty {
                    pairs = [("enum", JSONText.array(ids.map(q)))]
                } else {
                    pairs = [("type", q("string")), ("pattern", q("^[a-z0-9]+(-[a-z0-9]+)*$"))]
                }
            case .terms(let kind, let max):
                pairs = [
                    (
                        "anyOf",
                        JSONText.array([
                            schema(.term(kind)),
                            JSONText.object([
                                ("type", q("array")), ("items", schema(.term(kind))), ("minItems", "1"),
                                ("maxItems", "\(max)"),
                            ]),
                        ])
                    )
                ]
            case .email:
                pairs = [("type", q("string")), ("format", q("email"))]
            case .phone:
                pairs = [
                    ("type", q("string")),
                    ("pattern", q("^[0-9０-９ +()＋－（）-]{7,20}(\\s*(转|-|[Ee][Xx][Tt]\\.?)\\s*[0-9０-９]{1,6})?$")),
                ]
            case .creditCode:
                pairs = [("type", q("string")), ("pattern", q("^[0-9A-HJ-NPQRTUWXY]{18}$"))]
            case .link:
                pairs = [("type", q("string")), ("minLength", "1")]
            case .list(let item, let max):
                pairs = [("type", q("array")), ("items", schema(item)), ("maxItems", "\(max)")]
            case .oneOrMany(let item, let max):
                pairs = [
                    (
                        "anyOf",
                        JSONText.array([
                            schema(item),
                            JSONText.object([
                                ("type", q("array")), ("items", schema(item)), ("minItems", "1"),
                                ("maxItems", "\(max)"),
                            ]),
                        ])
                    )
                ]
            case .orWord(let inner, let word):
                pairs = [("anyOf", JSONText.array([schema(inner), JSONText.object([("const", q(word))])]))]
            case .record(let fields):
                return object(fields, description: description)
            case .textOrRecord(let max, let fields):
                pairs = [("anyOf", JSONText.array([schema(.text(max: max)), object(fields)]))]
            }
            if let description { pairs.insert(("description", q(description)), at: 0) }
            return JSONText.object(pairs)
        }

        private func q(_ text: String) -> String { JSONText.quote(text) }
    }
}
