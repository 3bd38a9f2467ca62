/// Turns template text into `MustacheTemplate.Node`s in one pass, applying the spec's whitespace rules as it goes:
/// a line holding only a section, comment, partial, parent, block or set-delimiter tag (and whitespace) is removed,
/// the whitespace before a standalone partial or parent becomes its indentation, and a standalone block records
/// how to reindent its content. Two tags also stand alone together on a line when they are `{{< p}}{{$ b}}`,
/// `{{< p}}{{/ p}}`, `{{$ b}}{{/ b}}` (the newline then stays) or `{{/ b}}{{/ p}}`, as the inheritance spec asks.
struct MustacheParser {
    typealias Node = MustacheTemplate.Node

    private let bytes: [UInt8]
    private var i = 0
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    /// The second tag of a pair that stands alone together, and whether its line's newline stays.
    private var paired: (start: Int, keepsNewline: Bool)?
    /// Text read but not yet made a node, with the offsets in it where a source line begins.
    private var text: [UInt8] = []
    private var lineStarts: [Int] = []
    private var atLineStart = true

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseTemplate() throws -> [Node] {
        try parse(Scope(sigil: nil, name: "", parent: nil)).nodes
    }

    /// What is being parsed: the template, or the body of a section, parent or block (`parent`: the parent tag a
    /// block is given in).
    private struct Scope {
        var sigil: UInt8?
        var name: String
        var parent: String?
    }

    private struct Tag {
        /// `#`, `^`, `/`, `!`, `>`, `<`, `$`, `=`, `&`, `{`, or 0 for a plain variable.
        var sigil: UInt8
        var name: String
        var start: Int
        var end: Int
    }

    /// A tag standing alone on its line: the line begins at `lineStart`; parsing resumes at `resume`.
    private struct Standalone {
        var lineStart: Int
        var resume: Int
    }

    /// The nodes up to the tag that closes `scope` (or the end of the template), and where that closing tag's
    /// removed text begins.
    private mutating func parse(_ scope: Scope) throws -> (nodes: [Node], end: Int) {
        var nodes: [Node] = []
        while i < bytes.count {
            guard let tag = try tag(at: i) else {
                let byte = bytes[i]
                if atLineStart { markLineStart(at: i) }
                text.append(byte)
                i += 1
                atLineStart = byte == Self.newline
                continue
            }
            let standalone = Self.canStandAlone(tag.sigil) ? standaloneLine(for: tag, in: scope) : nil
            if let standalone {
                text.removeLast(tag.start - standalone.lineStart)
                while let last = lineStarts.last, last >= text.count { lineStarts.removeLast() }
                i = standalone.resume
                atLineStart = i > 0 && bytes[i - 1] == Self.newline
            } else {
                if atLineStart { markLineStart(at: tag.start) }
                atLineStart = false
                i = tag.end
            }
            let leading = standalone.map { Array(bytes[$0.lineStart..<tag.start]) }
            switch tag.sigil {
            case Self.bang:
                continue
            case Self.equals:
                try setDelimiters(tag)
            case Self.slash:
                guard scope.sigil != nil, tag.name == scope.name else {
                    throw error(
                        at: tag.start,
                        scope.sigil.map {
                            "'\(describe(tag))' does not close '{{\(Character(Unicode.Scalar($0)))\(scope.name)}}'"
                        }
                            ?? "'\(describe(tag))' closes nothing open")
                }
                flush(into: &nodes)
                return (nodes, standalone?.lineStart ?? tag.start)
            case Self.hash, Self.caret:
                flush(into: &nodes)
                let body = try parse(Scope(sigil: tag.sigil, name: tag.name, parent: nil))
                nodes.append(.section(Self.path(tag.name), body.nodes, inverted: tag.sigil == Self.caret))
            case Self.greater:
                flush(into: &nodes)
                nodes.append(.partial(tag.name, indent: leading))
            case Self.less:
                flush(into: &nodes)
                let body = try parse(Scope(sigil: tag.sigil, name: tag.name, parent: nil))
                // Only the blocks count inside a parent tag; any other text or tag there is ignored.
                var blocks: [String: MustacheTemplate.Block] = [:]
                for case .block(let block) in body.nodes where blocks[block.name] == nil { blocks[block.name] = block }
                nodes.append(.parent(tag.name, indent: leading, blocks: blocks))
            case Self.dollar:
                flush(into: &nodes)
                let contentStart = i
                let body = try parse(
                    Scope(sigil: tag.sigil, name: tag.name, parent: scope.sigil == Self.less ? scope.name : nil))
                var block = MustacheTemplate.Block(
                    name: tag.name, nodes: body.nodes, standalone: leading != nil, strip: 0, indent: [],
                    startsMidLine: contentStart < body.end && bytes[contentStart - 1] != Self.newline)
                if let leading {
                    let common = commonIndentation(contentStart..<body.end)
                    block.strip = common.count
                    block.indent = common.isEmpty ? leading : common
                }
                nodes.append(.block(block))
            default:
                flush(into: &nodes)
                nodes.append(.variable(Self.path(tag.name), escaped: tag.sigil == 0))
            }
        }
        if let sigil = scope.sigil {
            throw error(at: bytes.count, "'{{\(Character(Unicode.Scalar(sigil)))\(scope.name)}}' is never closed")
        }
        flush(into: &nodes)
        return (nodes, bytes.count)
    }

    private mutating func flush(into nodes: inout [Node]) {
        guard !text.isEmpty || !lineStarts.isEmpty else { return }
        nodes.append(.text(MustacheTemplate.Text(bytes: text, lineStarts: lineStarts)))
        text = []
        lineStarts = []
    }

    /// Records that a source line begins here, unless the line is empty (an empty line is never indented).
    private mutating func markLineStart(at position: Int) {
        let byte = bytes[position]
        let empty =
            byte == Self.newline
            || (byte == Self.carriageReturn && position + 1 < bytes.count && bytes[position + 1] == Self.newline)
        if !empty { lineStarts.append(text.count) }
    }

    // MARK: Tags

    /// The tag that begins at `start`, if one does.
    private func tag(at start: Int) throws -> Tag? {
        guard matches(open, at: start) else { return nil }
        var contentStart = start + open.count
        var sigil: UInt8 = 0
        var closer = close
        if contentStart < bytes.count {
            switch bytes[contentStart] {
            case Self.brace:
                sigil = Self.brace
                closer = [Self.closingBrace] + close
            case Self.equals:
                sigil = Self.equals
                closer = [Self.equals] + close
            case Self.hash, Self.caret, Self.slash, Self.bang, Self.greater, Self.less, Self.dollar, Self.ampersand:
                sigil = bytes[contentStart]
            default:
                break
            }
            if sigil != 0 { contentStart += 1 }
        }
        guard let closeAt = find(closer, from: contentStart) else { throw error(at: start, "a tag is not closed") }
        var lower = contentStart, upper = closeAt
        while lower < upper, Self.isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, Self.isWhitespace(bytes[upper - 1]) { upper -= 1 }
        let tag = Tag(
            sigil: sigil, name: String(decoding: bytes[lower..<upper], as: UTF8.self), start: start,
            end: closeAt + closer.count)
        if tag.name.isEmpty && sigil != Self.bang { throw error(at: start, "'\(describe(tag))' names nothing") }
        return tag
    }

    private func describe(_ tag: Tag) -> String {
        String(decoding: bytes[tag.start..<tag.end], as: UTF8.self)
    }

    private static func canStandAlone(_ sigil: UInt8) -> Bool {
        switch sigil {
        case hash, caret, slash, bang, greater, less, dollar, equals: true
        default: false
        }
    }

    /// Whether `tag` stands alone on its line (alone, or as one of a pair of tags), and if so what to remove.
    private mutating func standaloneLine(for tag: Tag, in scope: Scope) -> Standalone? {
        if let pair = paired, pair.start == tag.start {
            paired = nil
            guard let end = lineEnd(after: tag.end) else { return nil }
            return Standalone(lineStart: tag.start, resume: pair.keepsNewline ? end.newline : end.next)
        }
        guard let lineStart = whitespaceLineStart(before: tag.start) else { return nil }
        if let end = lineEnd(after: tag.end) { return Standalone(lineStart: lineStart, resume: end.next) }
        // An unclosed second tag is reported when the parser reaches it.
        guard tag.sigil != Self.equals, let next = try? self.tag(at: tag.end), lineEnd(after: next.end) != nil else {
            return nil
        }
        switch (tag.sigil, next.sigil) {
        case (Self.less, Self.slash) where next.name == tag.name, (Self.less, Self.dollar):
            paired = (next.start, false)
        case (Self.dollar, Self.slash) where next.name == tag.name:
            paired = (next.start, true)
        case (Self.slash, Self.slash)
        where scope.sigil == Self.dollar && tag.name == scope.name && next.name == scope.parent:
            paired = (next.start, false)
        default:
            return nil
        }
        return Standalone(lineStart: lineStart, resume: tag.end)
    }

    /// The start of the line `position` is on, when only spaces and tabs come before it there.
    private func whitespaceLineStart(before position: Int) -> Int? {
        var start = position
        while start > 0, bytes[start - 1] == Self.space || bytes[start - 1] == Self.tab { start -= 1 }
        return start == 0 || bytes[start - 1] == Self.newline ? start : nil
    }

    /// When only spaces and tabs follow `position` on its line: where the line break begins, and where the next
    /// line does (both the end of the text on the last line).
    private func lineEnd(after position: Int) -> (newline: Int, next: Int)? {
        var end = position
        while end < bytes.count, bytes[end] == Self.space || bytes[end] == Self.tab { end += 1 }
        if end == bytes.count { return (end, end) }
        if bytes[end] == Self.newline { return (end, end + 1) }
        if bytes[end] == Self.carriageReturn, end + 1 < bytes.count, bytes[end + 1] == Self.newline {
            return (end, end + 2)
        }
        return nil
    }

    /// The indentation every non-blank source line in `range` begins with.
    private func commonIndentation(_ range: Range<Int>) -> [UInt8] {
        var common: ArraySlice<UInt8>?
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            var end = lineStart
            while end < range.upperBound, bytes[end] == Self.space || bytes[end] == Self.tab { end += 1 }
            let indentation = bytes[lineStart..<end]
            var lineEnd = end
            while lineEnd < range.upperBound, bytes[lineEnd] != Self.newline { lineEnd += 1 }
            let blank = end == lineEnd || (bytes[end] == Self.carriageReturn && end + 1 == lineEnd)
            if !blank {
                if let shared = common {
                    common = shared.prefix(zip(shared, indentation).prefix(while: { $0 == $1 }).count)
                } else {
                    common = indentation
                }
            }
            lineStart = lineEnd + 1
        }
        return Array(common ?? [])
    }

    private mutating func setDelimiters(_ tag: Tag) throws {
        let parts = tag.name.utf8.split(whereSeparator: Self.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains(Self.equals) }) else {
            throw error(at: tag.start, "'\(describe(tag))' does not set two delimiters")
        }
        open = Array(parts[0])
        close = Array(parts[1])
    }

    private static func path(_ name: String) -> MustacheTemplate.Path {
        let names = name.split(separator: ".").map(String.init)
        return name == "." || names.isEmpty ? .implicit : .names(names)
    }

    // MARK: Bytes

    private func matches(_ needle: [UInt8], at position: Int) -> Bool {
        guard position + needle.count <= bytes.count else { return false }
        for (offset, byte) in needle.enumerated() where bytes[position + offset] != byte { return false }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var position = start
        while position + needle.count <= bytes.count {
            if matches(needle, at: position) { return position }
            position += 1
        }
        return nil
    }

    private func error(at position: Int, _ message: String) -> MustacheTemplate.ParseError {
        let line = bytes[..<min(position, bytes.count)].reduce(1) { $1 == Self.newline ? $0 + 1 : $0 }
        return MustacheTemplate.ParseError(line: line, message: message)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }

    private static let newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09
    private static let brace: UInt8 = 0x7B, closingBrace: UInt8 = 0x7D, equals: UInt8 = 0x3D, hash: UInt8 = 0x23
    private static let caret: UInt8 = 0x5E, slash: UInt8 = 0x2F, bang: UInt8 = 0x21, greater: UInt8 = 0x3E
    private static let less: UInt8 = 0x3C, dollar: UInt8 = 0x24, ampersand: UInt8 = 0x26
}
