import BangdanCore

/// `bangdan new`: a requirement or list file with every field of `Schema` present or commented, ready to fill in.
public enum Scaffold {
    public static func requirement() -> String {
        "---\n" + lines(Schema.requirement.specs(), indent: "") + "---\n\n在这里用一两段话说明需求的背景、要解决的问题和预期成果（第一段将作为摘要）。\n"
    }

    public static func list() -> String {
        "---\n" + lines(Schema.list.specs(), indent: "") + "---\n\n在这里介绍本榜单：发布背景、申报方式和支持政策（第一段将作为摘要）。\n"
    }

    /// Required fields are written out (empty, so `bangdan check` points at each until it is filled); optional
    /// ones are commented. Each carries its meaning as a comment.
    static func lines(_ fields: [FieldSpec], indent: String) -> String {
        var out = ""
        for field in fields {
            let comment = field.required ? "必填：\(field.doc.zh)" : field.doc.zh
            switch field.kind {
            case .record(let nested), .oneOrMany(.record(let nested), _):
                let prefix = field.required ? "" : "# "
                out += "\(indent)\(prefix)\(field.name):  # \(comment)\n"
                out +=
                    lines(nested, indent: indent + "  ").split(separator: "\n").map { line in
                        field.required ? String(line) : "\(indent)# " + line.dropFirst(indent.count)
                    }.joined(separator: "\n") + "\n"
            case .list(let item, _), .orWord(.list(let item, _), _):
                out += "\(indent)# \(field.name):  # \(comment)\n"
                out += "\(indent)#   - \(listExample(item))\n"
            case .pairs:
                out += "\(indent)# \(field.name):  # \(comment)\n"
                out += "\(indent)#   揭榜方式: \"\"\n"
            default:
                let value = field.required ? "\"\"" : (field.example ?? "")
                let prefix = field.required ? "" : "# "
                out += "\(indent)\(prefix)\(field.name): \(value)  # \(comment)\n"
            }
        }
        return out
    }

    private static func listExample(_ item: FieldKind) -> String {
        switch item {
        case .record(let fields), .textOrRecord(_, let fields):
            "{" + fields.map { "\($0.name): \"\"" }.joined(separator: ", ") + "}"
        default:
            "\"\""
        }
    }
}
