/// Renders parsed nodes into a byte buffer: a context stack for name lookup, the blocks the calling templates
/// filled, and the frame that says how template text is indented where it is being placed.
struct MustacheRenderer {
    typealias Node = MustacheTemplate.Node
    typealias Block = MustacheTemplate.Block

    let partials: [String: MustacheTemplate]
    private(set) var out: [UInt8] = []
    private var stack: [MustacheValue]
    /// Below the stack: the names of a context looked up one at a time.
    private let root: ((String) -> MustacheValue?)?
    private var blocks: [String: Argument] = [:]
    private var frame = Frame.plain
    /// How many partials and parents are being rendered, one inside the other.
    private var depth = 0
    /// The partial or parent that would have gone past `MustacheTemplate.nestingLimit`; rendering stops there.
    private var tooDeep: String?

    init(partials: [String: MustacheTemplate], context: MustacheValue) {
        self.partials = partials
        stack = [context]
        root = nil
        out.reserveCapacity(16_384)
    }

    init(partials: [String: MustacheTemplate], root: @escaping (String) -> MustacheValue?) {
        self.partials = partials
        stack = []
        self.root = root
        out.reserveCapacity(16_384)
    }

    /// How the lines of template text are laid out where they are placed: each line of the source loses up to
    /// `strip` bytes of its indentation and begins with `prefix`. Spec terms: a standalone partial indents every
    /// line by the whitespace before its tag; a standalone block's content is dedented where it is written and
    /// indented where it is placed.
    struct Frame {
        var strip: Int
        var prefix: [UInt8]
        static let plain = Frame(strip: 0, prefix: [])
        var isPlain: Bool { strip == 0 && prefix.isEmpty }

        /// Whitespace from the template text rendered in this frame, as this frame lays it out.
        func laidOut(_ indentation: [UInt8]) -> [UInt8] {
            prefix + indentation.dropFirst(min(strip, indentation.count))
        }
    }

    /// A block filled by a `{{< parent}}` tag, with the frame that tag was rendered in.
    struct Argument {
        var block: Block
        var frame: Frame
    }

    /// Renders the template's nodes: the bytes, or where nesting went too deep.
    mutating func finish(_ nodes: [Node]) throws(MustacheTemplate.NestingError) -> [UInt8] {
        render(nodes)
        if let tooDeep { throw MustacheTemplate.NestingError(name: tooDeep, limit: MustacheTemplate.nestingLimit) }
        return out
    }

    /// Enters a partial or parent, unless that would nest past the limit (then everything stops).
    private mutating func enter(_ name: String) -> Bool {
        guard depth < MustacheTemplate.nestingLimit else {
            tooDeep = tooDeep ?? name
            return false
        }
        depth += 1
        return true
    }

    mutating func render(_ nodes: [Node]) {
        // Each node read in place through the buffer, not copied out of the array by an iterator (a retain and a
        // release of its payload per node).
        nodes.withUnsafeBufferPointer { render($0) }
    }

    private mutating func render(_ nodes: UnsafeBufferPointer<Node>) {
        for index in nodes.indices {
            if tooDeep != nil { return }
            switch nodes[index] {
            case .text(let text):
                if frame.isPlain || text.lineStarts.isEmpty {
                    out.append(contentsOf: text.bytes)
                } else {
                    appendLaidOut(text)
                }
            case .variable(let path, let escaped):
                if let value = lookup(path) { append(value, escaped: escaped) }
            case .section(let path, let body, let inverted):
                let value = lookup(path) ?? .null
                if inverted {
                    if !value.isTruthy { render(body) }
                    continue
                }
                switch value {
                case .null:
                    break
                case .bool(let flag):
                    if flag { render(body) }
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(body)
                        stack.removeLast()
                    }
                default:
                    stack.append(value)
                    render(body)
                    stack.removeLast()
                }
            case .partial(let name, let indent):
                guard let template = partials[name], enter(name) else { continue }
                let outer = frame
                frame = indent.map { Frame(strip: 0, prefix: frame.laidOut($0)) } ?? .plain
                render(template.nodes)
                frame = outer
                depth -= 1
            case .parent(let name, let indent, let given):
                guard let template = partials[name], enter(name) else { continue }
                let (outerFrame, outerBlocks) = (frame, blocks)
                // A block the calling template (or its caller) already filled keeps that content.
                for (blockName, block) in given where blocks[blockName] == nil {
                    blocks[blockName] = Argument(block: block, frame: frame)
                }
                frame = indent.map { Frame(strip: 0, prefix: frame.laidOut($0)) } ?? .plain
                render(template.nodes)
                (frame, blocks) = (outerFrame, outerBlocks)
                depth -= 1
            case .block(let block):
                renderBlock(block)
            }
        }
    }

    /// A block renders what the calling template filled it with, or else its own content. Where the block stands
    /// alone, that content is reindented to the block's place.
    private mutating func renderBlock(_ block: Block) {
        let (outerFrame, outerBlocks) = (frame, blocks)
        let place = block.standalone ? frame.laidOut(block.indent) : nil
        if let argument = blocks[block.name] {
            // The argument's own `{{$ same}}` renders its default rather than itself, endlessly.
            blocks[block.name] = nil
            let given = argument.block
            switch (place, given.standalone) {
            case (let place?, true): frame = Frame(strip: given.strip, prefix: place)
            case (let place?, false): frame = Frame(strip: argument.frame.strip, prefix: place + argument.frame.prefix)
            case (nil, true): frame = Frame(strip: given.strip, prefix: [])
            case (nil, false): frame = argument.frame
            }
            if let place, given.startsMidLine { out.append(contentsOf: place) }
            render(given.nodes)
        } else {
            if let place { frame = Frame(strip: block.strip, prefix: place) }
            render(block.nodes)
        }
        (frame, blocks) = (outerFrame, outerBlocks)
    }

    private mutating func appendLaidOut(_ text: MustacheTemplate.Text) {
        let bytes = text.bytes
        var position = 0
        for lineStart in text.lineStarts {
            out.append(contentsOf: bytes[position..<lineStart])
            out.append(contentsOf: frame.prefix)
            position = lineStart
            while position < bytes.count, position - lineStart < frame.strip,
                bytes[position] == 0x20 || bytes[position] == 0x09
            {
                position += 1
            }
        }
        out.append(contentsOf: bytes[position...])
    }

    // MARK: Names

    /// The first name is looked up from the innermost context outwards; the rest of a dotted name only inside
    /// what the first found (a broken chain renders nothing, it is not looked up further out).
    private func lookup(_ path: MustacheTemplate.Path) -> MustacheValue? {
        switch path {
        case .implicit:
            return stack.last
        case .names(let names):
            var found: MustacheValue?
            for context in stack.reversed() {
                if let value = context.child(names[0]) {
                    found = value
                    break
                }
            }
            if found == nil, let root { found = root(names[0]) }
            guard var value = found else { return nil }
            for name in names.dropFirst() {
                guard let next = value.child(name) else { return nil }
                value = next
            }
            return value
        }
    }

    // MARK: Output

    private mutating func append(_ value: MustacheValue, escaped: Bool) {
        switch value {
        case .string(let text):
            if escaped { MustacheTemplate.appendEscaped(text, to: &out) } else { out.append(contentsOf: text.utf8) }
        case .utf8(let bytes):
            if escaped {
                bytes.withUnsafeBufferPointer { MustacheTemplate.appendEscaped(utf8: $0, to: &out) }
            } else {
                out.append(contentsOf: bytes)
            }
        case .html(let markup):
            out.append(contentsOf: markup.utf8)
        case .int(let number):
            out.append(contentsOf: String(number).utf8)
        case .double(let number):
            out.append(contentsOf: MustacheValue.text(of: number).utf8)
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .list, .map, .object:
            break
        }
    }
}

extension MustacheTemplate {
    /// `text` with `& < > " '` escaped for HTML, as `{{name}}` writes it.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` escaped, copying the runs between special bytes whole.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped(utf8: $0, to: &out) }
    }

    static func appendEscaped(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for (index, byte) in bytes.enumerated() {
            let entity: StaticString
            switch byte {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}
