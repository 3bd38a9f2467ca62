import BangdanCore
import Foundation
import Mustache

/// Chinese content on an English page (a title without `title_en`, an issuer's name, a term without `name_en`, a
/// body) marked `lang="zh-CN"` on its own element, so a screen reader speaks it in Chinese and the English
/// interface around it stays English. One wrapper over a page's whole view model marks every text it hands to
/// the template that holds Chinese, so a field added later is marked without a word: a text becomes
/// `<span lang="zh-CN">…</span>`, a block of HTML (`body`) `<div lang="zh-CN">…</div>`. Values shown inside an
/// attribute or `<title>`, or that are HTML already made (cards, charts, JSON-LD), are never touched: their keys
/// are `LanguageMarked.untouched`.
struct LanguageMarked: MustacheObject, MustacheRenderable {
    let inner: any MustacheObject

    /// Keys whose values are shown in an attribute, in `<head>`, or are markup made elsewhere.
    static let untouched: Set<String> = [
        "t", "description", "page_title", "og_title", "site_name", "meta_keywords", "jsonld", "svg", "qr_code", "html",
        "article", "feed", "canonical", "alternates", "language_switch", "og_locale", "og_locale_alternate", "lang",
        "base", "home", "built_iso", "datetime", "status_class", "state", "class", "source", "mailto", "tel",
    ]
    /// Keys whose values are blocks of HTML (Markdown bodies), marked with a `div` around them.
    static let blocks: Set<String> = ["body"]

    func mustacheValue(forKey key: String) -> MustacheValue? {
        inner.mustacheValue(forKey: key).map { Self.marked($0, key: key) }
    }

    /// The value of `key`, marked as that key's values are.
    static func marked(_ value: MustacheValue, key: String) -> MustacheValue {
        if untouched.contains(key) || key.hasSuffix("url") || key.hasSuffix("_options") { return value }
        return blocks.contains(key) ? block(value) : marked(value)
    }

    var mustacheValue: MustacheValue { .object(self) }

    static func marked(_ value: MustacheValue) -> MustacheValue {
        switch value {
        case .string(let text) where text.hasCJK: .html(markedHTML(text))
        case .utf8(let bytes): marked(.string(String(decoding: bytes, as: UTF8.self)))
        case .object(let object) where !(object is LanguageMarked): .object(LanguageMarked(inner: object))
        case .list(let items): .list(items.map(marked))
        case .objects(let items) where !(items is Items): .objects(Items(inner: items))
        default: value
        }
    }

    /// `text` escaped, its Chinese parts in spans, so the English an interface phrase puts around them stays
    /// unmarked: a part in brackets (`RMB 96 million (9,600万元)`, `力博重工 (State-owned enterprise)`), what
    /// follows an English label (`Project: 某项目`) and each item of a list (`集成电路, New materials`) are marked
    /// on their own; a text of content alone is marked whole.
    static func markedHTML(_ text: String) -> String {
        guard text.hasCJK else { return MustacheTemplate.escape(text) }
        if let open = text.range(of: " ("), let close = text[open.upperBound...].lastIndex(of: ")") {
            return markedHTML(String(text[..<open.lowerBound])) + " ("
                + markedHTML(String(text[open.upperBound..<close])) + ")"
                + markedHTML(String(text[text.index(after: close)...]))
        }
        if let colon = text.range(of: ": "), !text[..<colon.lowerBound].hasCJK {
            return MustacheTemplate.escape(String(text[..<colon.upperBound]))
                + markedHTML(String(text[colon.upperBound...]))
        }
        if text.contains(", ") {
            return text.components(separatedBy: ", ").map(markedHTML).joined(separator: ", ")
        }
        return "<span lang=\"zh-CN\">" + MustacheTemplate.escape(text) + "</span>"
    }

    /// A list of objects whose items' texts are marked as a `LanguageMarked` object's are.
    final class Items: MustacheObjectList {
        let inner: any MustacheObjectList
        init(inner: any MustacheObjectList) { self.inner = inner }
        var count: Int { inner.count }
        func mustacheValue(at index: Int, forKey key: String) -> MustacheValue? {
            inner.mustacheValue(at: index, forKey: key).map { LanguageMarked.marked($0, key: key) }
        }
        func item(at index: Int) -> MustacheValue { LanguageMarked.marked(inner.item(at: index)) }
    }

    static func block(_ value: MustacheValue) -> MustacheValue {
        switch value {
        case .string(let html) where html.hasCJK: .html("<div lang=\"zh-CN\">\n" + html + "</div>\n")
        case .utf8(let bytes): block(.string(String(decoding: bytes, as: UTF8.self)))
        case .html(let html) where html.hasCJK: .html("<div lang=\"zh-CN\">\n" + html + "</div>\n")
        default: value
        }
    }
}

extension StringProtocol {
    /// Holds a Han character, CJK or full-width punctuation, kana or hangul: text a reader of English would see
    /// as Chinese (the test of English pages uses the same ranges).
    var hasCJK: Bool { unicodeScalars.contains(where: \.isCJK) }
}

extension Unicode.Scalar {
    var isCJK: Bool {
        switch value {
        case 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x30FF, 0x3100...0x312F, 0x3190...0x31FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            true
        default: false
        }
    }
}
