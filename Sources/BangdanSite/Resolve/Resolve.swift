import BangdanCore
import BangdanSchema
import Foundation

/// The `resolve` stage: defaults inherited from lists, cross-file rules (duplicate codes, attachments), the
/// effective status and the warnings of SCHEMA.md §6. Pure.
public enum Resolve {
    public static func resolve(_ content: Content, buildDate: Day) -> (resolved: Resolved?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let listsByID = Dictionary(content.lists.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The requirements in file order (by list, then slug), as positions: each is read where it is, never
        // copied out of the array but once, resolved.
        let requirements = content.requirements
        let order = requirements.indices.sorted { a, b in
            (requirements[a].listID, requirements[a].slug) < (requirements[b].listID, requirements[b].slug)
        }

        // `duplicate-code` in file order (the first file with a code in its list keeps it), before the rest.
        var firstPathByCode: [String: String] = [:]
        firstPathByCode.reserveCapacity(requirements.count)
        var earlierPathOfCode = [String?](repeating: nil, count: requirements.count)
        for (position, index) in order.enumerated() {
            guard let code = requirements[index].code else { continue }
            let key = "\(requirements[index].listID)\u{0}\(code)"
            if let earlier = firstPathByCode[key] {
                earlierPathOfCode[position] = earlier
            } else {
                firstPathByCode[key] = requirements[index].path
            }
        }
        // Each requirement on its own (on every core), its diagnostics in the order the rules are written.
        let earlierPaths = earlierPathOfCode
        let each = Parallel.map(Array(order.indices)) { position in
            resolve(
                requirements[order[position]], lists: listsByID, earlierPathOfCode: earlierPaths[position],
                buildDate: buildDate)
        }
        var resolved: [ResolvedRequirement] = []
        var namedFiles: Set<String> = []
        for one in each {
            if let requirement = one.resolved { resolved.append(requirement) }
            diagnostics += one.diagnostics
            namedFiles.formUnion(one.namedFiles)
        }
        diagnostics += possibleDuplicates(requirements) { listsByID[$0]?.issuers.first?.name }
        for file in content.attachments
        where listsByID[file.listID] != nil && !namedFiles.contains("\(file.listID)/\(file.name)") {
            diagnostics.append(Diagnostic(.unusedAttachment(name: file.name), path: file.path))
        }
        guard let site = content.site else { return (nil, diagnostics) }
        var lists = content.lists.map { list in
            var list = list
            if list.summary == nil {
                list.summary = PlainText.firstParagraph(of: list.body, limit: PlainText.summaryLimit)
            }
            return list
        }
        lists.sort { ($0.published, $1.id) > ($1.published, $0.id) }
        return (
            Resolved(
                site: site, vocabularies: content.vocabularies, lists: lists, requirements: resolved,
                attachments: content.attachments, buildDate: buildDate), diagnostics
        )
    }

    /// One requirement with its list (from `lists`; none when the list is missing or invalid): the resolved
    /// requirement, or nil when a default it needs is missing; its diagnostics; the list files it names.
    static func resolve(
        _ requirement: borrowing Requirement, lists: [String: ChallengeList], earlierPathOfCode: String?,
        buildDate: Day
    ) -> (resolved: ResolvedRequirement?, diagnostics: [Diagnostic], namedFiles: [String]) {
        var diagnostics: [Diagnostic] = [], namedFiles: [String] = []
        // The two properties a diagnostic needs, so `report` holds them and not a copy of the requirement.
        let (path, positions) = (requirement.path, requirement.positions)
        func report(_ problem: Problem, _ key: String?) {
            let at = key.flatMap { positions[$0] } ?? .start
            diagnostics.append(Diagnostic(problem, path: path, at: at))
        }
        let list = lists[requirement.listID]
        if let code = requirement.code, let earlierPathOfCode {
            report(.duplicateCode(code: code, earlierPath: earlierPathOfCode), "code")
        }
        // Without its list (no or invalid _index.md, reported there) the defaults are unknown.
        guard let list else { return (nil, diagnostics, namedFiles) }
        for (i, link) in requirement.attachments.enumerated() where link.isLocalFile {
            if list.attachmentFiles[link.url] == nil {
                report(.attachmentMissing(name: link.url), "attachments.\(i)")
            }
            namedFiles.append("\(list.id)/\(link.url)")
        }
        guard let category = requirement.category ?? list.category else {
            report(.missingField(field: "category"), nil)
            return (nil, diagnostics, namedFiles)
        }
        // Written in a file a list's defaults apply to (SCHEMA.md §3): the requirement's own issuers, else its list's.
        let issuers = requirement.issuers.isEmpty ? list.issuers : requirement.issuers
        guard !issuers.isEmpty else {
            // At the key when it is written but empty, as for every required field.
            report(.missingField(field: "issuer"), "issuer")
            return (nil, diagnostics, namedFiles)
        }
        let status = requirement.status ?? list.status ?? .open
        let published = requirement.published ?? list.published
        let deadline = requirement.deadline ?? list.deadline
        if let deadline, deadline < published, requirement.deadline != nil || requirement.published != nil {
            report(
                .deadlineBeforePublished(deadline: deadline, published: published),
                requirement.deadline != nil ? "deadline" : "published")
        }
        var effective = status
        // A deadline on the build date has not passed, whatever its time (`Moment`): open all of its last day.
        if status == .open, let deadline, deadline < buildDate {
            effective = .closed
            report(.deadlinePassed(deadline: deadline), requirement.deadline != nil ? "deadline" : "status")
        }
        let stale = effective == .open && deadline == nil && published.days(until: buildDate) > staleAfterDays
        if stale {
            // At what the officer would change (a written status), else at the date that makes it stale.
            let key = ["status", "published"].first { positions[$0] != nil }
            report(.staleOpen(published: published), key)
        }
        // ▲ `solvers: 未公开` says they exist: not missing, and not expected while the call is open.
        let anySolvers = !requirement.solvers.isEmpty || requirement.solversUndisclosed
        if [.signed, .completed].contains(status), !anySolvers {
            report(.missingSolvers(status: status), "status")
        }
        if status == .open, anySolvers {
            report(.solversWhileOpen, "solvers")
        }
        var inherited = copy requirement
        inherited.inherit(from: list)
        inherited.issuers = issuers
        inherited.status = status
        let resolved = ResolvedRequirement(
            requirement: inherited, category: category, region: requirement.region ?? list.region,
            published: published, deadline: deadline,
            deadlineTime: requirement.deadline != nil ? requirement.deadlineTime : nil,
            effectiveStatus: effective, isStaleOpen: stale,
            isClosingSoon: ResolvedRequirement.isClosingSoon(
                effectiveStatus: effective, deadline: deadline, buildDate: buildDate),
            summary: requirement.summary ?? requirement.bodySummary)
        return (resolved, diagnostics, namedFiles)
    }

    /// An open requirement closes soon when its deadline is at most this many days after the build date (SCHEMA.md
    /// §8 `closing_soon`).
    public static let closingSoonDays = 14

    /// An open requirement with no deadline, published more than this many days before the build date, is
    /// `stale-open` (SCHEMA.md §6).
    public static let staleAfterDays = 365

    /// `possible-duplicate` (SCHEMA.md §6): a requirement with the same `code` as one in another list, or the
    /// same title and issuer name. Reported once on each later file (by path), at its `code` or `title` key,
    /// naming the first earlier file in another list; the same code is checked first. Within one list the same
    /// code is `duplicate-code`, an error; the same title and issuer within one list is not this rule's concern.
    /// `listIssuer` gives a list's first issuer, the one that applies to a requirement without its own. A code of
    /// at most three digits (`01`, `12`) is a list's own numbering, not an identifier: many lists number their items
    /// from 1, so it is not compared across lists (the title and issuer still are).
    static func possibleDuplicates(_ requirements: [Requirement], listIssuer: @Sendable (String) -> String?)
        -> [Diagnostic]
    {
        var diagnostics: [Diagnostic] = []
        let order = requirements.indices.sorted {
            requirements[$0].path.bytesPrecede(requirements[$1].path)
        }
        // The compared forms of each title and issuer (the issuer that applies: its own, else its list's), and of
        // each code compared, as keys (`Key`), made on every core: the pass in order below hashes no string.
        // Each property read where it is (`requirements[index].title`): a requirement handed to a function, even a
        // `borrowing` one, was copied whole (30 references retained and released) for its three strings.
        let keys = Parallel.map(order) { index -> (title: Key, code: Key?) in
            let issuer = requirements[index].issuers.first?.name ?? listIssuer(requirements[index].listID) ?? ""
            let code = requirements[index].code.flatMap { isListNumber($0) ? nil : $0 }
            return (Key(title: requirements[index].title, issuer: issuer), code.map(Key.init))
        }
        // Each key's requirements so far, as positions in `order`, by the key's hash.
        var byCode: [Int: [Int]] = [:], byTitle: [Int: [Int]] = [:]
        // Room for every requirement at once: the tables are not grown and rehashed as they fill.
        byCode.reserveCapacity(requirements.count)
        byTitle.reserveCapacity(requirements.count)
        // The few properties read where they are, not each requirement copied out of the array.
        for (n, index) in order.enumerated() {
            let listID = requirements[index].listID
            // The first earlier requirement with the same key in another list; then this one is among them.
            func firstOther(_ key: Key, in table: inout [Int: [Int]], _ keyOf: (Int) -> Key?) -> String? {
                let other = table[key.hash]?.first { m in
                    keyOf(m)?.bytes == key.bytes && requirements[order[m]].listID != listID
                }
                table[key.hash, default: []].append(n)
                return other.map { requirements[order[$0]].path }
            }
            var found: (problem: Problem, key: String)?
            if let code = keys[n].code, let other = firstOther(code, in: &byCode, { keys[$0].code }) {
                found = (.possibleDuplicate(otherPath: other, reason: .code(requirements[index].code ?? "")), "code")
            }
            let sameTitle = firstOther(keys[n].title, in: &byTitle) { keys[$0].title }
            if found == nil, let other = sameTitle {
                found = (.possibleDuplicate(otherPath: other, reason: .titleAndIssuer), "title")
            }
            if let found {
                let at = requirements[index].positions[found.key] ?? .start
                diagnostics.append(Diagnostic(found.problem, path: requirements[index].path, at: at))
            }
        }
        return diagnostics
    }

    /// A text compared for `possible-duplicate`: its UTF-8 in NFC, so that two spellings of one text (`String`'s
    /// `==`) are the same bytes, and their hash.
    struct Key: Sendable {
        let bytes: [UInt8]
        let hash: Int

        init(_ text: String) {
            // Most texts are in NFC already (`isNFCAsItIs`): without Foundation's pass.
            var bytes = Array(text.utf8)
            if !Key.isNFCAsItIs(bytes) { bytes = Array(text.precomposedStringWithCanonicalMapping.utf8) }
            self.init(bytes: bytes)
        }

        /// The key of a title and its issuer: `comparable(title) + "\u{0}" + comparable(issuer)`, made over their
        /// bytes with no `String` between (`appendComparable`) for most of them.
        init(title: String, issuer: String) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(title.utf8.count + issuer.utf8.count + 1)
            var made = Resolve.appendComparable(title, to: &bytes)
            if made {
                bytes.append(0)
                made = Resolve.appendComparable(issuer, to: &bytes) && Key.isNFCAsItIs(bytes)
            }
            if made {
                self.init(bytes: bytes)
            } else {
                self.init(Resolve.comparable(title) + "\u{0}" + Resolve.comparable(issuer))
            }
        }

        private init(bytes: [UInt8]) {
            self.bytes = bytes
            hash = Int(truncatingIfNeeded: BytesHash.of(bytes))
        }

        /// Whether UTF-8 `bytes` are in NFC as they are, known from their scalars alone: each below U+0300 (no
        /// combining mark, no singleton), general punctuation from U+2002 (U+2000 and U+2001 are singletons),
        /// CJK symbols and punctuation but the tone marks U+302A–U+302F (combining), CJK ideographs of the basic
        /// block and extension A, or full-width forms: none has a canonical decomposition or combines with another.
        static func isNFCAsItIs(_ bytes: [UInt8]) -> Bool {
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                } else if lead < 0xE0 {
                    // Two bytes: U+0080 to U+07FF, in NFC as it is below U+0300 (a lead byte below 0xCC).
                    guard lead < 0xCC, index + 1 < bytes.count else { return false }
                    index += 2
                } else {
                    guard lead < 0xF0, index + 2 < bytes.count else { return false }
                    let value =
                        UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F)
                    switch value {
                    case 0x2002...0x206F, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                        0xFF01...0xFF60:
                        index += 3
                    default: return false
                    }
                }
            }
            return true
        }
    }

    /// `01`, `7`, `１２`: one to three digits (ASCII or full-width), as lists number their items.
    static func isListNumber(_ code: String) -> Bool {
        let scalars = code.unicodeScalars
        return (1...3).contains(scalars.count)
            && scalars.allSatisfy { (0x30...0x39).contains($0.value) || (0xFF10...0xFF19).contains($0.value) }
    }

    /// A title or name as compared for `possible-duplicate`: without whitespace, with full-width ASCII forms as
    /// their ASCII letters (（ as (, Ａ as A) and letters in lower case, so a retyped copy still matches.
    static func comparable(_ text: String) -> String {
        if let fast = text.utf8.withContiguousStorageIfAvailable(comparableByBytes(_:)), let fast { return fast }
        return comparableByScalars(text)
    }

    /// `comparable(text)`'s UTF-8 appended to `out` when `comparableByBytes` can make it: false otherwise, with
    /// `out` then holding part of it.
    static func appendComparable(_ text: String, to out: inout [UInt8]) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { appendComparable($0, to: &out) } ?? false
    }

    /// `comparable` over UTF-8 bytes, for text of ASCII and three-byte scalars that have no case (Han, CJK and
    /// general punctuation) or are full-width ASCII forms: each scalar's whitespace, full-width and case rules are
    /// those of `comparableByScalars`, without building a scalar view and lower-casing it through Unicode's tables
    /// (5 % of an edit rebuild's instructions at 10,000 requirements). Nil for any other text.
    static func comparableByBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        return appendComparable(bytes, to: &out) ? String(decoding: out, as: UTF8.self) : nil
    }

    /// `comparableByBytes`, appending to `out`: false for text it does not handle.
    static func appendComparable(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                if !Unicode.Scalar(lead).isUnicodeWhiteSpace {
                    out.append(lead >= 0x41 && lead <= 0x5A ? lead + 0x20 : lead)
                }
                index += 1
                continue
            }
            guard let value = PlainText.threeByteScalar(in: bytes, at: index) else { return false }
            switch value {
            case 0xFF01...0xFF5E:
                // The full-width form of an ASCII character, as that character in lower case.
                let ascii = UInt8(truncatingIfNeeded: value - 0xFEE0)
                out.append(ascii >= 0x41 && ascii <= 0x5A ? ascii + 0x20 : ascii)
            case 0x2000...0x206F, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF5F...0xFF60:
                // No case: kept as they are (three appends, not a slice's generic one), whitespace dropped.
                if let scalar = Unicode.Scalar(value), !scalar.isUnicodeWhiteSpace {
                    out.append(bytes[index])
                    out.append(bytes[index + 1])
                    out.append(bytes[index + 2])
                }
            default: return false
            }
            index += 3
        }
        return true
    }

    /// `comparable` scalar by scalar, for any text.
    static func comparableByScalars(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !scalar.isUnicodeWhiteSpace {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                out.append(ascii)
            } else {
                out.append(scalar)
            }
        }
        return String(out).lowercased()
    }
}

extension Requirement {
    /// ▲ Writes its list's defaults of SCHEMA.md §3 into the requirement: each field its own value, else the
    /// list's (an empty list of eligibility or timeline entries counts as none). Issuer and status, which decide
    /// rules, are chosen in `resolve` itself.
    mutating func inherit(from list: ChallengeList) {
        if contacts.isEmpty { contacts = list.contacts }
        if eligibility.isEmpty { eligibility = list.eligibility }
        if howToApply == nil { howToApply = list.howToApply }
        if applyURL == nil { applyURL = list.applyURL }
        if period == nil { period = list.period }
        if ip == nil { ip = list.ip }
        if timeline.isEmpty { timeline = list.timeline }
    }
}
