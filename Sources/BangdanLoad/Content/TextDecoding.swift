import BangdanCore
import Foundation

/// Turns a file's bytes into lines of text: UTF-8 checked (with the position of the first bad byte), a BOM
/// dropped, CRLF and lone CR read as line ends.
public enum TextDecoding {
    public enum Failure: Error {
        case invalidUTF8(SourcePosition)
    }

    /// U+FEFF as UTF-8, which some editors write at a file's start: dropped, never text.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        var start = 0
        if bytes.starts(with: byteOrderMark) { start = byteOrderMark.count }
        let body = bytes[start...]
        // The standard library's validation is the fast path; the byte-by-byte walk only finds where a bad file goes
        // wrong (both accept exactly the well-formed UTF-8 of Unicode's table 3-7).
        // Over the contiguous bytes: validation on the standard library's fast path, the CR search by `memchr`.
        let (validated, hasCR) = body.withUnsafeBufferPointer { buffer in
            (
                String(validating: buffer, as: UTF8.self),
                buffer.baseAddress.map { memchr($0, 13, buffer.count) != nil } ?? false
            )
        }
        guard var text = validated else {
            let badOffset = firstInvalidUTF8Offset(body) ?? 0
            return .failure(.invalidUTF8(position(ofByte: badOffset, in: body)))
        }
        if hasCR {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(text)
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode's table 3-7), as `String(validating:)` judges them: eight
    /// ASCII bytes a step, the two-byte sequences and the three-byte ones of most CJK text (leads E1–EC and
    /// EE–EF, whose continuations may be any of 80–BF) a comparison each, every other sequence by the table
    /// (`sequenceLength`). On Chinese text about 7 instructions a byte against the standard library's 10; and the
    /// build then need not make the body a string.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        let n = bytes.count
        var i = 0
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                // A run of ASCII: the rest of it eight bytes at a time (asked only after an ASCII byte, so Chinese
                // text does not pay for the look).
                i += 1
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
            } else if lead &- 0xE1 < 0x0F, lead != 0xED, i + 2 < n, bytes[i + 1] & 0xC0 == 0x80,
                bytes[i + 2] & 0xC0 == 0x80
            {
                i += 3  // E1–EC, EE–EF
            } else if lead &- 0xC2 < 0x1E, i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 {
                i += 2  // C2–DF
            } else if let length = sequenceLength(at: i, count: n, byte: { bytes[$0] }) {
                i += length
            } else {
                return false
            }
        }
        return true
    }

    /// Offset (from the slice start) of the first byte that does not begin or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard let length = sequenceLength(at: i, count: bytes.endIndex, byte: { bytes[$0] }) else {
                return i - bytes.startIndex
            }
            i += length
        }
        return nil
    }

    /// The length of the well-formed sequence (Unicode's table 3-7) whose lead is `byte(i)`, the bytes ending
    /// before `count`; nil when none starts there.
    private static func sequenceLength(at i: Int, count end: Int, byte: (Int) -> UInt8) -> Int? {
        let b = byte(i)
        if b < 0x80 { return 1 }
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upper = 0x9F
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default: return nil
        }
        for k in 1..<length {
            guard i + k < end else { return nil }
            let c = byte(i + k)
            let (lo, hi) = k == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
            guard c >= lo, c <= hi else { return nil }
        }
        return length
    }

    /// Line and column (in characters of the valid text before it) of a byte offset.
    private static func position(ofByte offset: Int, in bytes: ArraySlice<UInt8>) -> SourcePosition {
        let before = bytes.prefix(offset)
        var line = 1
        var lineStart = before.startIndex
        for i in before.indices where before[i] == 10 {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: before[lineStart...], as: UTF8.self).unicodeScalars.count + 1
        return SourcePosition(line: line, column: column)
    }
}

extension Unicode.Scalar {
    /// Characters that no published text may hold: C0 controls other than tab and line feed (carriage returns are
    /// read as line ends before anything looks at the text), DEL, C1 controls, and the Unicode noncharacters
    /// (U+FDD0…U+FDEF and every U+xxFFFE, U+xxFFFF). XML 1.0 forbids the C0 controls, U+FFFE and U+FFFF outright, so
    /// one of them makes `feed.xml` unreadable; HTML counts every one as a parse error. Surrogates cannot occur in
    /// a Swift string.
    public var isForbiddenInText: Bool {
        let v = value
        if v < 0x20 { return v != 0x09 && v != 0x0A }
        if v < 0x7F { return false }
        if v <= 0x9F { return true }
        if v < 0xFDD0 { return false }
        return v <= 0xFDEF || v & 0xFFFE == 0xFFFE
    }

    /// `U+000B`: how a character that cannot be shown is named in messages.
    var codePointName: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension String {
    /// Whether any character is `isForbiddenInText`: one pass over the UTF-8 bytes, decoding nothing. Only the lead
    /// bytes of forbidden characters are looked at further: a C0 control or DEL is one byte; a C1 control is `C2 80…9F`;
    /// U+FDD0…U+FDEF is `EF B7 90…AF`; U+FFFE and U+FFFF are `EF BF BE…BF`; U+xFFFE and U+xFFFF of the other planes
    /// are four bytes whose last sixteen bits are all ones but the lowest: `F0…F4 (xF) BF BE…BF`.
    public var containsForbiddenInText: Bool {
        var copy = self
        return copy.withUTF8 { Self.containsForbidden($0) }
    }

    static func containsForbidden(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if (c < 0x20 && c != 0x09 && c != 0x0A) || c == 0x7F { return true }
                i += 1
            } else if c < 0xE0 {
                if c == 0xC2 && i + 1 < n && b[i + 1] <= 0x9F { return true }
                i += 2
            } else if c < 0xF0 {
                if c == 0xEF && i + 2 < n {
                    let (d, e) = (b[i + 1], b[i + 2])
                    if (d == 0xB7 && e >= 0x90 && e <= 0xAF) || (d == 0xBF && e >= 0xBE) { return true }
                }
                i += 3
            } else {
                if i + 3 < n && b[i + 1] & 0x0F == 0x0F && b[i + 2] == 0xBF && b[i + 3] >= 0xBE { return true }
                i += 4
            }
        }
        return false
    }
}
