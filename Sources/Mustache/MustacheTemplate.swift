/// A Mustache template, parsed once into a node tree, which is compiled into a flat program (`Program`) that renders
/// into UTF-8 bytes.
///
/// It follows the official Mustache specification (v1.4): the required modules — interpolation, sections,
/// inverted sections, comments, partials, set delimiters — and inheritance (`{{< parent}}` with `{{$ block}}`).
/// Lambdas and dynamic names are not supported. Escaped interpolation escapes `& < > " '`.
public struct MustacheTemplate: Sendable {
    let nodes: [Node]
    /// The nodes as the renderer walks them.
    let program: Program

    /// A template that cannot be parsed: an unclosed tag or section, a closing tag that closes nothing, an empty
    /// tag name, a malformed set-delimiter tag.
    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(_ text: String) throws {
        // The program's tables are indexed by 32-bit numbers.
        guard text.utf8.count < Int32.max / 4 else {
            throw ParseError(line: 1, message: "a template of 512 MiB or more is not read")
        }
        var parser = MustacheParser(Array(text.utf8))
        nodes = try parser.parseTemplate()
        program = Program(nodes)
    }

    /// How deep partials and parents may nest while rendering. A template that includes itself with nothing in
    /// the data to stop it would otherwise recurse until the stack runs out; past this depth rendering stops and
    /// `NestingError` names the template it was about to enter.
    public static let nestingLimit = 100

    /// Rendering stopped: partials and parents nested deeper than `limit`, at `{{> name}}` or `{{< name}}`.
    public struct NestingError: Error, Equatable, CustomStringConvertible {
        public var name: String
        public var limit: Int
        public var description: String {
            "partials and parents nest more than \(limit) levels deep at '\(name)' (does a template include itself?)"
        }
    }

    /// Renders `value` as the context, with `partials` for `{{> name}}` and `{{< name}}` (a missing one renders as
    /// nothing).
    public func render(_ value: MustacheValue, partials: [String: MustacheTemplate] = [:]) throws(NestingError)
        -> [UInt8]
    {
        var renderer = MustacheRenderer(partials: partials, context: value)
        return try renderer.finish(program)
    }

    public func render(_ value: some MustacheRenderable, partials: [String: MustacheTemplate] = [:])
        throws(NestingError) -> [UInt8]
    {
        try render(value.mustacheValue, partials: partials)
    }

    /// Renders with a context whose names `root` hands out one at a time, when a template asks for one (nil: no
    /// such name): for a context that would cost more to convert whole than the names a template uses.
    public func render(partials: [String: MustacheTemplate] = [:], root: @escaping (String) -> MustacheValue?)
        throws(NestingError) -> [UInt8]
    {
        var renderer = MustacheRenderer(partials: partials, root: root)
        return try renderer.finish(program)
    }

    /// The names of the partials (`{{> name}}`) and parents (`{{< name}}`) this template refers to anywhere — in
    /// sections, blocks and a parent tag's blocks included — as the parser read them (after any change of
    /// delimiters), so a caller can check that each exists before rendering.
    public var references: Set<String> {
        var names: Set<String> = []
        func collect(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, let body, _): collect(body)
                case .partial(let name, _): names.insert(name)
                case .parent(let name, _, let blocks):
                    names.insert(name)
                    for block in blocks.values { collect(block.nodes) }
                case .block(let block): collect(block.nodes)
                }
            }
        }
        collect(nodes)
        return names
    }
}

extension MustacheTemplate {
    /// One piece of a parsed template.
    enum Node: Sendable {
        case text(Text)
        case variable(Path, escaped: Bool)
        case section(Path, [Node], inverted: Bool)
        /// `indent` is set when the tag stands alone on its line: the whitespace before it, which every line of
        /// the partial is indented with.
        case partial(String, indent: [UInt8]?)
        /// A parent template with the blocks given inside the tag; `indent` as for partials.
        case parent(String, indent: [UInt8]?, blocks: [String: Block])
        case block(Block)
    }

    /// Literal text, with the offsets at which a line of the template source begins (needed only when the text
    /// is indented, in a standalone partial, or reindented, in a block).
    struct Text: Sendable {
        var bytes: [UInt8]
        var lineStarts: [Int]
    }

    /// A name as written in a tag: `.` (the current context) or a dotted name.
    enum Path: Sendable {
        case implicit
        case names([String])
    }

    /// `{{$name}}…{{/name}}`: in a parent template, a place the calling template may fill (`nodes` is the
    /// default); inside a `{{< parent}}` tag, what fills it.
    struct Block: Sendable {
        var name: String
        var nodes: [Node]
        /// The block's tags stand alone on their lines, so its content is reindented: it loses `strip` bytes of
        /// indentation (the common indentation of its source lines) and, where it is placed, takes `indent` (that
        /// common indentation, or the whitespace before the opening tag when there is none).
        var standalone: Bool
        var strip: Int
        var indent: [UInt8]
        /// The content begins in the middle of a source line (`{{$b}}text`), so its first line has no line start.
        var startsMidLine: Bool
    }
}
