/// Renders a template's program into a byte buffer: a context stack for name lookup, the blocks the calling
/// templates filled, and the frame that says how template text is indented where it is being placed.
struct MustacheRenderer {
    typealias Program = MustacheTemplate.Program
    typealias View = Program.View

    let partials: [String: MustacheTemplate]
    private(set) var out: [UInt8] = []
    private var stack: [Context]
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
        stack = [.value(context)]
        root = nil
        out.reserveCapacity(16_384)
    }

    init(partials: [String: MustacheTemplate], root: @escaping (String) -> MustacheValue?) {
        self.partials = partials
        stack = []
        self.root = root
        out.reserveCapacity(16_384)
    }

    /// A context of name lookup: a value, or an item of a `.objects` list looked up where the list holds it.
    private enum Context {
        case value(MustacheValue)
        case item(any MustacheObjectList, Int)

        func child(_ key: String) -> MustacheValue? {
            switch self {
            case .value(let value): value.child(key)
            case .item(let items, let index): items.mustacheValue(at: index, forKey: key)
            }
        }

        var value: MustacheValue {
            switch self {
            case .value(let value): value
            case .item(let items, let index): items.item(at: index)
            }
        }
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
        func laidOut(_ indentation: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            prefix + indentation.dropFirst(min(strip, indentation.count))
        }
    }

    /// A block filled by a `{{< parent}}` tag, with the frame that tag was rendered in and the program it belongs
    /// to (whose view stays open while the parent renders).
    struct Argument {
        var block: Program.BlockInfo
        var frame: Frame
        var view: View
    }

    /// Renders the template's program: the bytes, or where nesting went too deep.
    mutating func finish(_ program: Program) throws(MustacheTemplate.NestingError) -> [UInt8] {
        render(program)
        if let tooDeep { throw MustacheTemplate.NestingError(name: tooDeep, limit: MustacheTemplate.nestingLimit) }
        return out
    }

    private mutating func render(_ program: Program) {
        program.withView { render($0, program.main) }
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

    private mutating func render(_ view: View, _ run: Program.Span) {
        var index = Int(run.start)
        let end = index + Int(run.count)
        while index < end {
            if tooDeep != nil { return }
            let op = view.ops[index]
            index += 1
            switch op {
            case .text(let text, let lines):
                if frame.isPlain || lines.count == 0 {
                    out.append(contentsOf: view.bytes(text))
                } else {
                    appendLaidOut(
                        view.bytes(text), lineStarts: UnsafeBufferPointer(rebasing: view.lineStarts[lines.range]))
                }
            case .variable(let path, let escaped):
                if let value = lookup(view, path) { append(value, escaped: escaped) }
            case .section(let path, let count, let inverted):
                let body = Program.Span(start: Int32(index), count: count)
                index += Int(count)
                let value = lookup(view, path) ?? .null
                if inverted {
                    if !value.isTruthy { render(view, body) }
                    continue
                }
                switch value {
                case .null:
                    break
                case .bool(let flag):
                    if flag { render(view, body) }
                case .list(let items):
                    for item in items {
                        stack.append(.value(item))
                        render(view, body)
                        stack.removeLast()
                    }
                case .objects(let items):
                    for index in 0..<items.count {
                        stack.append(.item(items, index))
                        render(view, body)
                        stack.removeLast()
                    }
                default:
                    stack.append(.value(value))
                    render(view, body)
                    stack.removeLast()
                }
            case .partial(let name, let indent):
                let name = view.names[Int(name)]
                guard let template = partials[name], enter(name) else { continue }
                let outer = frame
                frame = indent.map { Frame(strip: 0, prefix: frame.laidOut(view.bytes($0))) } ?? .plain
                render(template.program)
                frame = outer
                depth -= 1
            case .parent(let name, let indent, let given):
                let name = view.names[Int(name)]
                guard let template = partials[name], enter(name) else { continue }
                let (outerFrame, outerBlocks) = (frame, blocks)
                // A block the calling template (or its caller) already filled keeps that content.
                for block in view.blocks[given.range] where blocks[block.name] == nil {
                    blocks[block.name] = Argument(block: block, frame: frame, view: view)
                }
                frame = indent.map { Frame(strip: 0, prefix: frame.laidOut(view.bytes($0))) } ?? .plain
                render(template.program)
                (frame, blocks) = (outerFrame, outerBlocks)
                depth -= 1
            case .block(let block):
                renderBlock(view, view.blocks[Int(block)])
            }
        }
    }

    /// A block renders what the calling template filled it with, or else its own content. Where the block stands
    /// alone, that content is reindented to the block's place.
    private mutating func renderBlock(_ view: View, _ block: Program.BlockInfo) {
        let (outerFrame, outerBlocks) = (frame, blocks)
        let place = block.standalone ? frame.laidOut(view.bytes(block.indent)) : nil
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
            render(argument.view, given.ops)
        } else {
            if let place { frame = Frame(strip: block.strip, prefix: place) }
            render(view, block.ops)
        }
        (frame, blocks) = (outerFrame, outerBlocks)
    }

    /// Text whose lines start at `lineStarts` (offsets in it), laid out in the current frame.
    private mutating func appendLaidOut(_ bytes: UnsafeBufferPointer<UInt8>, lineStarts: UnsafeBufferPointer<Int>) {
        var position = 0
        for lineStart in lineStarts {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<lineStart]))
            out.append(contentsOf: frame.prefix)
            position = lineStart
            while position < bytes.count, position - lineStart < frame.strip,
                bytes[position] == 0x20 || bytes[position] == 0x09
            {
                position += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position...]))
    }

    // MARK: Names

    /// The first name is looked up from the innermost context outwards; the rest of a dotted name only inside
    /// what the first found (a broken chain renders nothing, it is not looked up further out). No names: `.`.
    private func lookup(_ view: View, _ path: Program.Span) -> MustacheValue? {
        guard path.count > 0 else { return stack.last?.value }
        let names = UnsafeBufferPointer(rebasing: view.names[path.range])
        let found = stack.withUnsafeBufferPointer { stack -> MustacheValue? in
            for index in stack.indices.reversed() {
                if let value = stack[index].child(names[0]) { return value }
            }
            return nil
        }
        guard var value = found ?? root?(names[0]) else { return nil }
        for name in names.dropFirst() {
            guard let next = value.child(name) else { return nil }
            value = next
        }
        return value
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
        case .null, .list, .map, .object, .objects:
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
