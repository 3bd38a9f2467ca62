import BangdanCore
import CBangdanSystem
import CCmark
import Foundation
import Mustache

/// CommonMark to HTML through libcmark in its default safe mode: raw HTML is dropped and `javascript:`,
/// `vbscript:`, `file:` and `data:` links are emptied. Headings move down one level, so a body's `# 标题`
/// becomes an `<h2>` under the page's own `<h1>` (headings in order, WCAG). Each call owns its cmark tree,
/// so calls may run in parallel.
enum Markdown {
    /// The HTML as UTF-8 bytes, not checked again as a `String` would be (a page's body is a few KB).
    static func html(_ markdown: String) -> UTF8Text { html(MarkdownText(markdown)) }

    /// The same from a body's bytes, up to a NUL if there were one (as from the C string of a `String`).
    static func html(_ markdown: MarkdownText) -> UTF8Text {
        // An unread body is read before its page is made (`ContentReader`); rendered as empty, it would be lost.
        precondition(markdown.unread == nil, "an unread body reaches Markdown.html")
        guard !markdown.isEmpty else { return UTF8Text([]) }
        return markdown.utf8.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return UTF8Text([]) }
            let length = bytes.firstIndex(of: 0) ?? bytes.count
            return base.withMemoryRebound(to: CChar.self, capacity: length) { text in
                inArena { allocator in html(of: text, length: length, allocator: allocator) }
            }
        }
    }

    /// `body` with libcmark allocating from the thread's arena (`bangdan_arena_begin`), which it releases after:
    /// what `body` returns must not point into it.
    static func inArena<T>(_ body: (UnsafeMutablePointer<cmark_mem>) -> T) -> T {
        var allocator = cmark_mem(
            calloc: bangdan_arena_calloc, realloc: bangdan_arena_realloc, free: bangdan_arena_free)
        bangdan_arena_begin()
        defer { bangdan_arena_end() }
        return body(&allocator)
    }

    private static func html(
        of text: UnsafePointer<CChar>, length: Int, allocator: UnsafeMutablePointer<cmark_mem>
    ) -> UTF8Text {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_NOBREAKS
        guard let parser = cmark_parser_new_with_mem(options, allocator) else { return UTF8Text([]) }
        cmark_parser_feed(parser, text, length)
        let document = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        guard let document else { return UTF8Text([]) }
        return html(of: document, options: options)
    }

    /// The document's HTML; its nodes, and the string cmark renders, are in the arena, so nothing is freed here.
    private static func html(of document: OpaquePointer, options: Int32) -> UTF8Text {
        var rawHTML: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                cmark_node_set_heading_level(node, min(6, cmark_node_get_heading_level(node) + 1))
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                rawHTML.append(node)
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        // Safe mode would leave "<!-- raw HTML omitted -->" behind; drop the nodes instead (after iterating,
        // as cmark asks).
        for node in rawHTML {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        guard let rendered = cmark_render_html(document, options) else { return UTF8Text([]) }
        let count = strlen(rendered)
        let bytes = Array(UnsafeRawBufferPointer(start: rendered, count: count))
        // cmark writes U+FFFF and U+FFFE, when a character reference gives them, as the single bytes FF and FE (its
        // encoder's sentinels), which UTF-8 never holds; all else it writes of valid input is valid. Those bytes are
        // replaced as `String` replaces them (as the `String` this was made into before did).
        if memchr(rendered, 0xFF, count) != nil || memchr(rendered, 0xFE, count) != nil {
            return UTF8Text(Array(String(decoding: bytes, as: UTF8.self).utf8))
        }
        return UTF8Text(bytes)
    }
}
