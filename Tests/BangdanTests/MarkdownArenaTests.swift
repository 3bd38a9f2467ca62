import CBangdanSystem
import CCmark
import Foundation
import Synchronization
import Testing

@testable import BangdanRender

/// libcmark allocates from a per-thread arena (`bangdan_arena_*`) for each body it converts: the arena hands out
/// what malloc would, and the HTML is what libcmark makes with its own allocator.
@Suite struct MarkdownArenaTests {
    // MARK: The arena

    @Test func callocZeroesAndReallocKeepsTheBytesInPlaceOrMoved() throws {
        bangdan_arena_begin()
        defer { bangdan_arena_end() }
        let first = try #require(bangdan_arena_calloc(3, 5)?.assumingMemoryBound(to: UInt8.self))
        #expect((0..<15).allSatisfy { first[$0] == 0 })
        #expect(Int(bitPattern: first) % 16 == 0, "aligned as malloc aligns")
        for i in 0..<15 { first[i] = UInt8(i + 1) }

        // The last allocation grows where it is.
        let grown = try #require(bangdan_arena_realloc(first, 100)?.assumingMemoryBound(to: UInt8.self))
        #expect(grown == first)
        #expect((0..<15).allSatisfy { grown[$0] == UInt8($0 + 1) })

        // One that is no longer the last is copied.
        let second = try #require(bangdan_arena_calloc(1, 40))
        let moved = try #require(bangdan_arena_realloc(grown, 200)?.assumingMemoryBound(to: UInt8.self))
        #expect(moved != grown)
        #expect((0..<15).allSatisfy { moved[$0] == UInt8($0 + 1) })
        #expect(bangdan_arena_owns(first) == 1 && bangdan_arena_owns(second) == 1 && bangdan_arena_owns(moved) == 1)

        // Freeing the last allocation gives its room to the next.
        bangdan_arena_free(moved)
        let again = bangdan_arena_calloc(1, 8)
        #expect(again == UnsafeMutableRawPointer(moved))
        #expect(bangdan_arena_realloc(nil, 8) != nil)
    }

    @Test func allocationsLargerThanABlockAndEndReleasesAll() throws {
        var outside: UnsafeMutableRawPointer?
        do {
            bangdan_arena_begin()
            defer { bangdan_arena_end() }
            let large = try #require(bangdan_arena_calloc(1, 1 << 20)?.assumingMemoryBound(to: UInt8.self))
            #expect(large[0] == 0 && large[(1 << 20) - 1] == 0)
            large[(1 << 20) - 1] = 7
            // Many small ones fill several blocks.
            let small = (0..<10_000).compactMap { _ in bangdan_arena_calloc(1, 24) }
            #expect(small.count == 10_000)
            #expect(Set(small).count == 10_000)
            #expect(small.allSatisfy { bangdan_arena_owns($0) == 1 })
            outside = small.last
        }
        bangdan_arena_begin()
        defer { bangdan_arena_end() }
        #expect(bangdan_arena_owns(try #require(outside)) == 0, "a new conversion starts empty")
    }

    // MARK: libcmark in the arena

    @Test func libcmarkKeepsItsTreeAndItsHTMLInTheArena() {
        let text = "A [link][x] and *emphasis*.\n\n- one\n- two\n\n[x]: https://example.org\n"
        Markdown.inArena { allocator in
            let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, allocator)
            #expect(bangdan_arena_owns(UnsafeRawPointer(parser)) == 1)
            cmark_parser_feed(parser, text, text.utf8.count)
            let document = cmark_parser_finish(parser)
            cmark_parser_free(parser)
            #expect(bangdan_arena_owns(UnsafeRawPointer(document)) == 1)
            let html = cmark_render_html(document, CMARK_OPT_DEFAULT)
            #expect(bangdan_arena_owns(html) == 1, "cmark_render_html allocates with the document's allocator")
            #expect(html.map { String(cString: $0) }?.hasPrefix("<p>A <a href=\"https://example.org\">") == true)
        }
    }

    /// Bodies without headings or raw HTML (the two things `Markdown.html` changes) convert exactly as libcmark
    /// converts them with malloc: small ones, and large ones that take many blocks and long-growing buffers.
    @Test func theHTMLIsWhatLibcmarkMakesWithMalloc() {
        let references = (0..<2_000).map { "[r\($0)]: https://example.org/\($0) \"title \($0)\"" }
        let bodies = [
            "plain",
            "A [link][x], `code`, **strong**, <https://example.org>, &amp; &#x4E2D;.\n\n[x]: /a \"t\"",
            "1. one\n   - nested *a*\n   - nested _b_\n2. two\n\n> quote\n> > deeper\n\n```swift\nlet a = 1\n```",
            String(repeating: "段落文字，", count: 40_000),
            (0..<2_000).map { "- item [r\($0)] with `code \($0)`" }.joined(separator: "\n") + "\n\n"
                + references.joined(separator: "\n"),
            String(repeating: "[", count: 30_000) + String(repeating: "*a* ", count: 30_000),
            String(repeating: "> ", count: 500) + "deep",
        ]
        for body in bodies {
            let options = CMARK_OPT_DEFAULT | CMARK_OPT_NOBREAKS
            let expected = body.withCString { text in
                cmark_markdown_to_html(text, strlen(text), options).map { html in
                    defer { free(html) }
                    return Array(UnsafeRawBufferPointer(start: html, count: strlen(html)))
                }
            }
            #expect(Markdown.html(body).bytes == expected, "\(body.prefix(40))")
        }
    }

    @Test func conversionsOnManyThreadsAtOnceKeepToTheirOwnArenas() {
        let bodies = (0..<64).map { "Body \($0)\n\n" + String(repeating: "- item \($0) *x*\n", count: $0 * 40) }
        let expected = bodies.map { Markdown.html($0).bytes }
        let results = Mutex([[UInt8]](repeating: [], count: bodies.count))
        DispatchQueue.concurrentPerform(iterations: bodies.count) { index in
            let html = Markdown.html(bodies[index]).bytes
            results.withLock { $0[index] = html }
        }
        #expect(results.withLock { $0 } == expected)
    }
}
