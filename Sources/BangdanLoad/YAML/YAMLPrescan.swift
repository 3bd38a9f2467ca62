import BangdanCore

/// A pass over YAML text, before libyaml sees it, that refuses what content never needs and what would make
/// parsing cost more than the file's size, wherever it is in the text (even after a syntax error libyaml would stop
/// at):
///
/// - aliases (`*name`): a composer that expands every alias into a copy of what it names lets a few nested anchors
///   (a "billion laughs" block) grow exponentially in the tree, in duplicate-key hashing and in every walk over it.
///   `YAMLComposer` expands nothing and refuses any anchor or alias event this pass might have missed;
/// - anchors (`&name`): refused too. They only exist to be aliased, and an officer who writes `summary: &nbsp;…` or
///   `title: &公司 名称` would otherwise lose that text without a word, since YAML reads it as an anchor;
/// - nesting deeper than `depthLimit`: content is never nested more than four levels, and a `[[[[…` a megabyte deep
///   would cost a frame per level. (`YAMLComposer` keeps its open collections on a stack of its own, not the
///   call stack.)
///
/// It follows libyaml's scanner just far enough to know where a token starts: quoted scalars, block scalars (`|`,
/// `>`) with their indentation, plain scalars that run on over several lines, comments, flow collections and the
/// indentation of block collections. `*` or `&` inside a value (`R&D`, `5*8`) is text, not a token. One pass, no
/// backtracking: time linear in the text.
struct YAMLPrescan {
    static let depthLimit = 32

    /// What was found, and where: 1-based line, column counted in Unicode scalars (as libyaml counts).
    struct Finding: Equatable {
        enum Kind: Equatable {
            case alias(String)
            case anchor(String)
            case tooDeep
        }
        var kind: Kind
        var line: Int
        var column: Int
    }

    /// The first anchor, alias or too-deep nesting in `text`, or nil.
    static func firstFinding(in text: String) -> Finding? {
        var scan = YAMLPrescan(text)
        return scan.run()
    }

    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private var flowLevel = 0
    /// libyaml's indentation stack: the columns of the open block collections, -1 at the bottom.
    private var indents = [-1]
    /// A simple key may start here (at a line start, after `-`, `?`, `:`, `[`, `{`, `,`).
    private var simpleKeyAllowed = true
    /// The column of the token that may turn out to be a block mapping key on this line.
    private var keyColumn: Int?

    private init(_ text: String) { s = Self.scalars(of: text) }

    /// `Array(text.unicodeScalars)`, decoded in one pass over the bytes into room for one scalar a byte:
    /// `Array(_:)` counted the scalars in a first pass and copied them through the generic sequence path, half of
    /// this pass's time on a requirement's front matter.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { scalars, count in
                // Safe: a string's bytes are valid UTF-8, so each lead byte is followed by its continuation bytes,
                // and there are never more scalars than bytes.
                var i = 0
                while i < bytes.count {
                    let lead = UInt32(bytes[i])
                    var value: UInt32
                    switch lead {
                    case ..<0x80:
                        value = lead
                        i += 1
                    case ..<0xE0:
                        value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    case ..<0xF0:
                        value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    default:
                        value =
                            (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                            | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    // Decoded from valid UTF-8, `value` is a scalar (no surrogate, at most U+10FFFF): never the
                    // replacement.
                    scalars.initializeElement(at: count, to: Unicode.Scalar(value) ?? "\u{FFFD}")
                    count += 1
                }
            }
        }
    }

    private var column: Int { i - lineStart }
    private func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
    private func isBreak(_ k: Int) -> Bool { k < s.count && s[k] == "\n" }
    private func isBlank(_ k: Int) -> Bool { k < s.count && (s[k] == " " || s[k] == "\t") }
    /// Blank, line end or end of text.
    private func isBlankOrEnd(_ k: Int) -> Bool { k >= s.count || s[k] == " " || s[k] == "\t" || s[k] == "\n" }
    private func isFlowIndicator(_ k: Int) -> Bool {
        guard let c = at(k) else { return false }
        return c == "," || c == "[" || c == "]" || c == "{" || c == "}"
    }

    /// Steps over a line feed at `i`, keeping line and column right.
    private mutating func newline() {
        i += 1
        line += 1
        lineStart = i
    }

    private mutating func run() -> Finding? {
        while true {
            skipToNextToken()
            guard i < s.count else { return nil }
            if flowLevel == 0 {
                while let last = indents.last, last > column { indents.removeLast() }
            }
            let c = s[i]
            if column == 0 && c == "%" {
                skipToLineEnd()
                continue
            }
            if column == 0, isDocumentMarker(i) {
                indents = [-1]
                flowLevel = 0
                i += 3
                simpleKeyAllowed = true
                keyColumn = nil
                continue
            }
            switch c {
            case "[", "{":
                noteKeyStart()
                flowLevel += 1
                if flowLevel + indents.count - 1 > Self.depthLimit { return finding(.tooDeep) }
                i += 1
                simpleKeyAllowed = true
            case "]", "}":
                flowLevel = max(0, flowLevel - 1)
                i += 1
                simpleKeyAllowed = false
            case ",":
                i += 1
                simpleKeyAllowed = true
            case "-" where isBlankOrEnd(i + 1) && flowLevel == 0:
                if let overflow = rollIndent(column) { return overflow }
                i += 1
                simpleKeyAllowed = true
                keyColumn = nil
            case "?" where isBlankOrEnd(i + 1) || flowLevel > 0:
                if flowLevel == 0, let overflow = rollIndent(column) { return overflow }
                i += 1
                simpleKeyAllowed = true
                keyColumn = nil
            case ":" where isBlankOrEnd(i + 1) || (flowLevel > 0 && isFlowIndicator(i + 1)):
                if flowLevel == 0, let overflow = rollIndent(keyColumn ?? column) { return overflow }
                i += 1
                simpleKeyAllowed = flowLevel == 0
                keyColumn = nil
            case "*", "&":
                let start = i
                i += 1
                while i < s.count, !isBlankOrEnd(i), !isFlowIndicator(i) { i += 1 }
                let name = String(String.UnicodeScalarView(s[(start + 1)..<i]))
                // `* ` or `&` alone is not a token libyaml accepts: leave it to its own syntax message.
                guard !name.isEmpty else { continue }
                i = start
                return finding(c == "*" ? .alias(name) : .anchor(name))
            case "!":
                noteKeyStart()
                while i < s.count, !isBlankOrEnd(i) { i += 1 }
            case "|" where flowLevel == 0, ">" where flowLevel == 0:
                skipBlockScalar()
            case "'", "\"":
                noteKeyStart()
                skipQuoted(c)
                simpleKeyAllowed = false
            default:
                noteKeyStart()
                skipPlain()
                simpleKeyAllowed = false
            }
        }
    }

    private func finding(_ kind: Finding.Kind) -> Finding {
        Finding(kind: kind, line: line, column: column + 1)
    }

    private mutating func noteKeyStart() {
        if simpleKeyAllowed && keyColumn == nil { keyColumn = column }
    }

    /// A new block collection starts at `column` when it lies right of the current one.
    private mutating func rollIndent(_ column: Int) -> Finding? {
        guard let last = indents.last, last < column else { return nil }
        indents.append(column)
        return flowLevel + indents.count - 1 > Self.depthLimit ? finding(.tooDeep) : nil
    }

    private func isDocumentMarker(_ k: Int) -> Bool {
        guard k + 2 < s.count else { return false }
        let c = s[k]
        return (c == "-" || c == ".") && s[k + 1] == c && s[k + 2] == c && isBlankOrEnd(k + 3)
    }

    private mutating func skipToLineEnd() {
        while i < s.count, s[i] != "\n" { i += 1 }
    }

    /// Spaces, tabs, comments and line ends between tokens.
    private mutating func skipToNextToken() {
        while i < s.count {
            switch s[i] {
            case " ", "\t":
                i += 1
            case "#":
                skipToLineEnd()
            case "\n":
                newline()
                if flowLevel == 0 {
                    simpleKeyAllowed = true
                    keyColumn = nil
                }
            default:
                return
            }
        }
    }

    private mutating func skipQuoted(_ quote: Unicode.Scalar) {
        i += 1
        while i < s.count {
            let c = s[i]
            if c == "\n" {
                newline()
                continue
            }
            if quote == "'" && c == "'" {
                if at(i + 1) == "'" {
                    i += 2
                    continue
                }
                i += 1
                return
            }
            if quote == "\"" && c == "\\" {
                i += 1
                if isBreak(i) { newline() } else if i < s.count { i += 1 }
                continue
            }
            if quote == "\"" && c == "\"" {
                i += 1
                return
            }
            i += 1
        }
    }

    /// A plain scalar runs to `: `, ` #` or a line end, and on over following lines indented past the current block
    /// collection (any line, in a flow collection), so `*` or `&` starting such a line is still text.
    private mutating func skipPlain() {
        let minimumColumn = indents.last.map { $0 + 1 } ?? 0
        while i < s.count {
            // Within a line.
            while i < s.count, s[i] != "\n" {
                let c = s[i]
                if c == ":" && (isBlankOrEnd(i + 1) || (flowLevel > 0 && isFlowIndicator(i + 1))) { return }
                if flowLevel > 0 && isFlowIndicator(i) { return }
                if c == " " || c == "\t" {
                    var k = i
                    while isBlank(k) { k += 1 }
                    if at(k) == "#" {
                        i = k
                        return
                    }
                    i = k
                    continue
                }
                i += 1
            }
            // At a line end: does the next non-empty line carry on this scalar?
            var k = i
            var breaks: [Int] = []
            while k < s.count, s[k] == "\n" || s[k] == " " || s[k] == "\t" {
                if s[k] == "\n" { breaks.append(k) }
                k += 1
            }
            guard k < s.count, let lastBreak = breaks.last else { return }
            let nextColumn = k - (lastBreak + 1)
            if (flowLevel == 0 && nextColumn < minimumColumn) || (nextColumn == 0 && isDocumentMarker(k)) || s[k] == "#"
            {
                return
            }
            line += breaks.count
            lineStart = lastBreak + 1
            i = k
        }
    }

    /// `|` or `>`, its header, then every line indented at least as far as the block's content (blank lines too).
    private mutating func skipBlockScalar() {
        i += 1
        var increment: Int?
        while let c = at(i), c == "+" || c == "-" || ("1"..."9").contains(c) {
            if let digit = Int(String(c)) { increment = digit }
            i += 1
        }
        skipToLineEnd()
        guard i < s.count else { return }
        newline()
        let parent = indents.last ?? -1
        var blockIndent: Int
        if let increment {
            blockIndent = parent >= 0 ? parent + increment : increment
        } else {
            // The deepest indentation among leading empty lines and the first line with content.
            var maximum = 0
            var k = i
            while k < s.count {
                var spaces = 0
                while at(k + spaces) == " " { spaces += 1 }
                maximum = max(maximum, spaces)
                if isBreak(k + spaces) { k += spaces + 1 } else { break }
            }
            blockIndent = max(maximum, parent + 1, 1)
        }
        // Content lines: at least `blockIndent` spaces, or nothing but spaces.
        while i < s.count {
            var spaces = 0
            while spaces < blockIndent, at(i + spaces) == " " { spaces += 1 }
            if spaces < blockIndent && !isBreak(i + spaces) && i + spaces < s.count { return }
            i += spaces
            skipToLineEnd()
            guard i < s.count else { return }
            newline()
        }
    }
}

extension YAMLPrescan.Finding.Kind {
    /// Reported as `yaml-syntax`: the officer sees where, and that the value is to be written out.
    var problem: Problem {
        switch self {
        case .alias(let name):
            let shown = name.isEmpty ? "" : " '*\(name)'"
            return .yamlSyntax(
                detail: "alias\(shown): anchors and aliases are not accepted; write the value out",
                hint: "这里用了 YAML 别名\(shown)：榜单内容不需要锚点（&）和别名（*），请直接写出值；如果值本身以 * 开头，请给整个值加引号")
        case .anchor(let name):
            return .yamlSyntax(
                detail: "anchor '&\(name)': anchors and aliases are not accepted; write the value out",
                hint: "这里用了 YAML 锚点 '&\(name)'：榜单内容不需要锚点（&）和别名（*），请直接写出值；如果值本身以 & 开头，请给整个值加引号")
        case .tooDeep:
            return .yamlSyntax(
                detail: "nested more than \(YAMLPrescan.depthLimit) levels deep",
                hint: "嵌套超过 \(YAMLPrescan.depthLimit) 层：榜单内容最多只需几层，请检查括号和缩进")
        }
    }
}
