/// Splits a Markdown file into its front matter and body (SCHEMA.md §2): the first line is `---`, the block
/// ends at the next line that is `---` or `...`.
struct FrontMatter {
    var yaml: String
    /// The file line on which the YAML text starts (always 2), so YAML marks can be shifted to file lines.
    var yamlLine: Int
    var body: String
    var bodyLine: Int

    enum Failure: Error {
        case missing
        case unclosed
    }

    static func split(_ lines: [Substring]) -> Result<FrontMatter, Failure> {
        guard let first = lines.first, isFence(first, dashes: true) else { return .failure(.missing) }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0], dashes: true) || isFence(lines[$0], dashes: false) })
        else { return .failure(.unclosed) }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return .success(FrontMatter(yaml: yaml, yamlLine: 2, body: body, bodyLine: close + 2))
    }

    /// `---` (or `...`) alone on its line; trailing spaces are forgiven, as editors add them.
    private static func isFence(_ line: Substring, dashes: Bool) -> Bool {
        let marker = dashes ? "---" : "..."
        guard line.hasPrefix(marker) else { return false }
        return line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
