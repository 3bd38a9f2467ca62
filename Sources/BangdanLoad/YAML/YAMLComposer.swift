import BangdanCore
import CYAML

/// A place in YAML text as libyaml reports it: 1-based line, and 1-based column counted in Unicode scalars.
struct YAMLMark: Equatable, Sendable {
    var line: Int
    var column: Int
}

/// Why `YAMLComposer` gave no document.
enum YAMLComposeError: Error, Equatable {
    /// libyaml's scanner or parser stopped, or the text holds a second document: `context` and `problem` are
    /// libyaml's own words (`while parsing a block mapping`, `did not find expected key`).
    case syntax(context: String?, problem: String, at: YAMLMark)
    /// A mapping gives a key more than once. `key` is the first of its repeated keys in text order (`<`), `first`
    /// where that key first appears; the mapping reported is the first one to end.
    case duplicateKey(String, first: YAMLMark)
    /// An anchor (`&name`) or alias (`*name`) that the prescan did not refuse: refused here, never expanded.
    case anchorOrAlias(name: String, isAlias: Bool, at: YAMLMark)
    /// libyaml could not go on for another reason (out of memory, or its reader refused a character).
    case other(String)
}

/// Builds `YAMLNode`s straight from libyaml's parser events: no intermediate tree, no recursion (an explicit stack
/// of open collections), each scalar made into a `String` once from libyaml's UTF-8 buffer.
///
/// It keeps the rules of the composer it replaces (Yams' `compose` with the `.basic` resolver): one document at
/// most; a node's position is where its event starts (its anchor or tag, if any, else its first character); keys
/// are the same when their text and their tag are (`!!str a` and `a` are; `!x a` and `a` are not; text compared as
/// Swift compares strings); tags are otherwise ignored, and a scalar is `plain` when written without quotes.
enum YAMLComposer {
    private static let stringTag = "tag:yaml.org,2002:str"

    /// The document in `text`, nil when there is none (empty, or only comments). Positions are shifted down by
    /// `shift` lines; masked keys (`isMask`) are left out of their mappings.
    static func compose(_ text: String, shift: Int = 0, isMask: @escaping (String) -> Bool = { _ in false })
        -> Result<YAMLNode?, YAMLComposeError>
    {
        var text = text
        return text.withUTF8 { bytes in
            // libyaml wants a non-null pointer even for no bytes.
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return .success(nil) }
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return .failure(.other("out of memory")) }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, base, bytes.count)
            var composer = Composer(parser: parser, shift: shift, isMask: isMask)
            return composer.document()
        }
    }

    /// One key of an open mapping, as compared for duplicates.
    private enum KeyIdentity: Hashable {
        /// Text and tag (nil for `str`, what every untagged scalar resolves to).
        case scalar(String, tag: String?)
        /// A sequence or mapping used as a key: compared by its content.
        case collection(Shape)
    }

    /// A node's content without positions.
    private indirect enum Shape: Hashable {
        case scalar(String)
        case sequence([Shape])
        case mapping([Shape])

        init(_ node: YAMLNode) {
            switch node.content {
            case .scalar(let text, _): self = .scalar(text)
            case .sequence(let items): self = .sequence(items.map(Shape.init))
            case .mapping(let pairs): self = .mapping(pairs.flatMap { [Shape($0.key), Shape($0.value)] })
            }
        }
    }

    /// An open sequence or mapping.
    private struct Frame {
        let position: SourcePosition
        let isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        /// A mapping's key whose value has not ended yet.
        var key: YAMLNode?
        var keyIsMask = false
        var identities: [KeyIdentity] = []
        var positions: [SourcePosition] = []
    }

    private struct Composer {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let shift: Int
        let isMask: (String) -> Bool
        var event = yaml_event_t()
        var stack: [Frame] = []

        init(parser: UnsafeMutablePointer<yaml_parser_t>, shift: Int, isMask: @escaping (String) -> Bool) {
            self.parser = parser
            self.shift = shift
            self.isMask = isMask
        }

        /// The next event into `event` (the previous one freed first), or libyaml's complaint.
        private mutating func next() -> YAMLComposeError? {
            yaml_event_delete(&event)
            guard yaml_parser_parse(parser, &event) == 1 else { return error() }
            return nil
        }

        private func error() -> YAMLComposeError {
            let p = parser.pointee
            let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
            switch p.error {
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
                return .syntax(
                    context: p.context.map { String(cString: $0) }, problem: problem,
                    at: YAMLMark(line: Int(p.problem_mark.line) + 1, column: Int(p.problem_mark.column) + 1))
            case YAML_MEMORY_ERROR:
                return .other("out of memory")
            default:
                return .other("reader: \(problem)")
            }
        }

        private func mark(_ m: yaml_mark_t) -> YAMLMark {
            YAMLMark(line: Int(m.line) + 1, column: Int(m.column) + 1)
        }

        private func position(_ m: yaml_mark_t) -> SourcePosition {
            SourcePosition(line: Int(m.line) + 1 + shift, column: Int(m.column) + 1)
        }

        mutating func document() -> Result<YAMLNode?, YAMLComposeError> {
            defer { yaml_event_delete(&event) }
            // Stream start, then a document start or the stream's end.
            if let error = next() { return .failure(error) }
            if let error = next() { return .failure(error) }
            if event.type == YAML_STREAM_END_EVENT { return .success(nil) }
            var root: YAMLNode?
            while root == nil {
                if let error = next() { return .failure(error) }
                switch nodeEvent() {
                case .failure(let error): return .failure(error)
                case .success(let node): root = node
                }
            }
            // The document's end, then nothing but the stream's end.
            if let error = next() { return .failure(error) }
            if let error = next() { return .failure(error) }
            guard event.type == YAML_STREAM_END_EVENT else {
                return .failure(
                    .syntax(
                        context: "expected a single document in the stream", problem: "but found another document",
                        at: mark(event.start_mark)))
            }
            return .success(root)
        }

        /// Takes in the current event: the root node once it is complete, nil while collections are open.
        private mutating func nodeEvent() -> Result<YAMLNode?, YAMLComposeError> {
            let at = event.start_mark
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                if let anchor = s.anchor {
                    return .failure(.anchorOrAlias(name: String(cString: anchor), isAlias: false, at: mark(at)))
                }
                let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let node = YAMLNode(.scalar(text, plain: s.style == YAML_PLAIN_SCALAR_STYLE), at: position(at))
                // Only a key needs its tag.
                var tag: String?
                if let top = stack.last, top.isMapping, top.key == nil, s.quoted_implicit != 1, let t = s.tag {
                    let name = String(cString: t)
                    tag = name == stringTag || name == "!" || name.isEmpty ? nil : name
                }
                return .success(completed(node, tag: tag))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                if let anchor {
                    return .failure(.anchorOrAlias(name: String(cString: anchor), isAlias: false, at: mark(at)))
                }
                stack.append(Frame(position: position(at), isMapping: isMapping))
                return .success(nil)
            case YAML_SEQUENCE_END_EVENT:
                guard let frame = stack.popLast() else { return .failure(.other("unbalanced sequence end")) }
                return .success(completed(YAMLNode(.sequence(frame.items), at: frame.position), tag: nil))
            case YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return .failure(.other("unbalanced mapping end")) }
                if let duplicate = firstDuplicate(frame) { return .failure(duplicate) }
                return .success(completed(YAMLNode(.mapping(frame.pairs), at: frame.position), tag: nil))
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                return .failure(.anchorOrAlias(name: name, isAlias: true, at: mark(at)))
            default:
                return .failure(.other("unexpected parser event \(event.type.rawValue)"))
            }
        }

        /// Puts a finished node into the open collection; returns it when it is the root.
        private mutating func completed(_ node: YAMLNode, tag: String?) -> YAMLNode? {
            guard !stack.isEmpty else { return node }
            let top = stack.count - 1
            guard stack[top].isMapping else {
                stack[top].items.append(node)
                return nil
            }
            if let key = stack[top].key {
                if !stack[top].keyIsMask { stack[top].pairs.append(YAMLPair(key: key, value: node)) }
                stack[top].key = nil
                return nil
            }
            stack[top].key = node
            if case .scalar(let text, _) = node.content {
                stack[top].keyIsMask = isMask(text)
                stack[top].identities.append(.scalar(text, tag: tag))
            } else {
                stack[top].keyIsMask = false
                stack[top].identities.append(.collection(Shape(node)))
            }
            stack[top].positions.append(node.position)
            return nil
        }

        /// The mapping's first repeated key in text order, at its first occurrence (as Yams reported it), in lines of
        /// the text (not shifted).
        private func firstDuplicate(_ frame: Frame) -> YAMLComposeError? {
            let keys = frame.identities
            var repeated: [Int] = []  // index of the first occurrence of each repeated key
            if keys.count <= 16 {
                for i in keys.indices where !repeated.contains(where: { keys[$0] == keys[i] }) {
                    if keys[(i + 1)...].contains(keys[i]) { repeated.append(i) }
                }
            } else {
                var first: [KeyIdentity: Int] = [:]
                var seen: Set<Int> = []
                for i in keys.indices {
                    if let f = first[keys[i]] {
                        if seen.insert(f).inserted { repeated.append(f) }
                    } else {
                        first[keys[i]] = i
                    }
                }
            }
            guard !repeated.isEmpty else { return nil }
            func text(_ i: Int) -> String? {
                if case .scalar(let t, _) = keys[i] { return t }
                return nil
            }
            let chosen = repeated.filter { text($0) != nil }.min { text($0) ?? "" < text($1) ?? "" } ?? repeated[0]
            let at = frame.positions[chosen]
            return .duplicateKey(
                text(chosen) ?? "<uncovertable>", first: YAMLMark(line: at.line - shift, column: at.column))
        }
    }
}
