extension MustacheTemplate {
    /// The template as the renderer walks it: every node in one array of instructions whose payloads are plain
    /// numbers, and the text, names and blocks they refer to in tables beside it. Reading an instruction copies no
    /// counted reference, where reading a node of the tree retained its text or its body and released it after
    /// (about 4 % of a 10,000-requirement build's CPU time).
    struct Program: Sendable {
        var ops: [Op] = []
        /// The top-level instructions.
        var main = Span(start: 0, count: 0)
        /// Every text's bytes, and the indentation of standalone partials, parents and blocks.
        var bytes: [UInt8] = []
        /// Each text's line starts, as offsets within that text.
        var lineStarts: [Int] = []
        /// The names of paths (a dotted name's one after another), partials and parents.
        var names: [String] = []
        var blocks: [BlockInfo] = []

        /// `start` and `count` in one of the tables (a template under 512 MiB: no table reaches 2³¹ entries, as a
        /// text makes at most one instruction, name or line start per byte, and the indentation it copies is
        /// at most its own length again).
        struct Span: Sendable {
            var start: Int32
            var count: Int32
            var range: Range<Int> { Int(start)..<Int(start) + Int(count) }
        }

        enum Op: Sendable {
            /// Bytes of `bytes`; `lines`, line starts of `lineStarts`.
            case text(Span, lines: Span)
            /// `path`: names of `names`; none is `.`.
            case variable(path: Span, escaped: Bool)
            /// Its body is the `body` instructions after it.
            case section(path: Span, body: Int32, inverted: Bool)
            /// `name`, a name of `names`; `indent`, bytes of `bytes`, when the tag stands alone.
            case partial(name: Int32, indent: Span?)
            /// `blocks`: the blocks given inside the tag, of `blocks`.
            case parent(name: Int32, indent: Span?, blocks: Span)
            /// A block of `blocks`.
            case block(Int32)
        }

        /// A `Block`, its content a run of `ops` and its indentation bytes of `bytes`.
        struct BlockInfo: Sendable {
            var name: String
            var ops: Span
            var standalone: Bool
            var strip: Int
            var indent: Span
            var startsMidLine: Bool
        }

        init(_ nodes: [Node]) {
            // A block's content is its own run of instructions, written after the run that holds the block (a
            // section's body must follow the section).
            var pending: [(block: Int, nodes: [Node])] = []
            main = emit(nodes, pending: &pending)
            while !pending.isEmpty {
                let (block, nodes) = pending.removeFirst()
                blocks[block].ops = emit(nodes, pending: &pending)
            }
        }

        private mutating func emit(_ nodes: [Node], pending: inout [(block: Int, nodes: [Node])]) -> Span {
            let start = ops.count
            for node in nodes {
                switch node {
                case .text(let text):
                    ops.append(.text(store(text.bytes), lines: store(lineStarts: text.lineStarts)))
                case .variable(let path, let escaped):
                    ops.append(.variable(path: store(path), escaped: escaped))
                case .section(let path, let body, let inverted):
                    let (at, names) = (ops.count, store(path))
                    ops.append(.section(path: names, body: 0, inverted: inverted))
                    let emitted = emit(body, pending: &pending)
                    ops[at] = .section(path: names, body: emitted.count, inverted: inverted)
                case .partial(let name, let indent):
                    ops.append(.partial(name: store(name: name), indent: indent.map { store($0) }))
                case .parent(let name, let indent, let given):
                    let first = blocks.count
                    for block in given.values { pending.append((add(block), block.nodes)) }
                    let span = Span(start: Int32(first), count: Int32(blocks.count - first))
                    ops.append(.parent(name: store(name: name), indent: indent.map { store($0) }, blocks: span))
                case .block(let block):
                    let index = add(block)
                    pending.append((index, block.nodes))
                    ops.append(.block(Int32(index)))
                }
            }
            return Span(start: Int32(start), count: Int32(ops.count - start))
        }

        /// A block's entry; its instructions come later.
        private mutating func add(_ block: Block) -> Int {
            blocks.append(
                BlockInfo(
                    name: block.name, ops: Span(start: 0, count: 0), standalone: block.standalone,
                    strip: block.strip, indent: store(block.indent), startsMidLine: block.startsMidLine))
            return blocks.count - 1
        }

        private mutating func store(_ text: [UInt8]) -> Span {
            defer { bytes += text }
            return Span(start: Int32(bytes.count), count: Int32(text.count))
        }

        private mutating func store(lineStarts starts: [Int]) -> Span {
            defer { lineStarts += starts }
            return Span(start: Int32(lineStarts.count), count: Int32(starts.count))
        }

        private mutating func store(name: String) -> Int32 {
            names.append(name)
            return Int32(names.count - 1)
        }

        private mutating func store(_ path: Path) -> Span {
            switch path {
            case .implicit:
                return Span(start: Int32(names.count), count: 0)
            case .names(let parts):
                defer { names += parts }
                return Span(start: Int32(names.count), count: Int32(parts.count))
            }
        }

        /// The tables read in place, for as long as `body` runs.
        func withView<R>(_ body: (View) -> R) -> R {
            ops.withUnsafeBufferPointer { ops in
                bytes.withUnsafeBufferPointer { bytes in
                    lineStarts.withUnsafeBufferPointer { lineStarts in
                        names.withUnsafeBufferPointer { names in
                            blocks.withUnsafeBufferPointer { blocks in
                                body(
                                    View(
                                        ops: ops, bytes: bytes, lineStarts: lineStarts, names: names, blocks: blocks))
                            }
                        }
                    }
                }
            }
        }

        /// A program's tables while it renders (`withView`).
        struct View {
            let ops: UnsafeBufferPointer<Op>
            let bytes: UnsafeBufferPointer<UInt8>
            let lineStarts: UnsafeBufferPointer<Int>
            let names: UnsafeBufferPointer<String>
            let blocks: UnsafeBufferPointer<BlockInfo>

            func bytes(_ span: Span) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[span.range]) }
        }
    }
}
