import BangdanCore
import Synchronization

/// A decoded requirement as bytes and back, for `DecodedFiles`: what a file's front matter decoded to, every
/// stored property of `Requirement` but the five the file gives each time it is read (its list and slug, its path,
/// its body and the body's first line). A rebuild reads an unchanged file's requirement straight back, where it
/// used to read the front matter's `Record` back and build the requirement from it again through the declaration
/// (dictionaries of every key, then every field converted: a fifth of an edit's instructions at 10,000).
///
/// The form is private to one Bangdan executable (the cache that holds it is keyed by it), so it has no version of
/// its own. Reading is strict: anything out of place (a truncated or edited cache) gives nil, never a partial
/// requirement. `properties` names what is written, in order; a test compares it with `Requirement`'s stored
/// properties, so a property added later cannot be left out unnoticed.
enum RequirementCoding {
    /// `Requirement`'s stored properties: the five a file gives, then those written here, in order.
    static let properties = [
        "listID", "slug", "path", "body", "bodyLine",
        "title", "code", "category", "industries", "region", "bounty", "funding", "published", "deadline", "status",
        "solvers", "eligibility", "howToApply", "applyURL", "period", "ip", "timeline", "extra", "titleEn",
        "summaryEn", "keywords", "indicators", "attachments", "summary", "issuers", "contacts", "sources",
        "deadlineTime", "solversUndisclosed", "bodySummary", "positions",
    ]

    static func bytes(_ q: Requirement) -> [UInt8] {
        var w = RecordWriter()
        w.bytes.reserveCapacity(512)
        w.text(q.title)
        w.optionalText(q.code)
        w.optionalText(q.category)
        w.texts(q.industries)
        w.optionalText(q.region)
        w.optional(q.bounty) { $0.amount($1) }
        w.optionalText(q.funding)
        w.optional(q.published) { $0.day($1) }
        w.optional(q.deadline) { $0.day($1) }
        w.optionalText(q.status?.rawValue)
        w.list(q.solvers) { w, solver in
            w.text(solver.name)
            w.optionalText(solver.region)
            w.optionalText(solver.role?.rawValue)
            w.optionalText(solver.project)
            w.optionalText(solver.note)
        }
        w.texts(q.eligibility)
        w.optionalText(q.howToApply)
        w.optionalText(q.applyURL)
        w.optionalText(q.period)
        w.optionalText(q.ip)
        w.list(q.timeline) { w, entry in
            w.day(entry.date)
            w.text(entry.event)
            w.optionalText(entry.time)
        }
        w.list(q.extra.facts) { w, fact in
            w.text(fact.label)
            w.text(fact.text)
        }
        w.optionalText(q.titleEn)
        w.optionalText(q.summaryEn)
        w.texts(q.keywords)
        w.list(q.indicators) { w, indicator in
            switch indicator {
            case .text(let text):
                w.byte(0)
                w.text(text)
            case .target(let name, let target):
                w.byte(1)
                w.text(name)
                w.text(target)
            }
        }
        w.list(q.attachments) { w, attachment in
            w.text(attachment.title)
            w.text(attachment.url)
        }
        w.optionalText(q.summary)
        w.list(q.issuers) { w, issuer in
            w.text(issuer.name)
            w.optionalText(issuer.type?.rawValue)
            w.optionalText(issuer.creditCode)
        }
        w.list(q.contacts) { w, contact in
            w.optionalText(contact.name)
            w.texts(contact.phones)
            w.optionalText(contact.email)
            w.optionalText(contact.address)
        }
        w.texts(q.sources)
        w.optional(q.deadlineTime) { w, time in
            w.count(time.hour)
            w.count(time.minute)
        }
        w.byte(q.solversUndisclosed ? 1 : 0)
        w.optionalText(q.bodySummary)
        // Sorted, so the same requirement always gives the same bytes.
        w.list(q.positions.sorted { $0.key < $1.key }) { w, pair in
            w.name(pair.key)
            w.position(pair.value)
        }
        // Copied to its size: a build holds the bytes of every requirement it decoded until they are kept (some
        // 400 bytes each; with the room reserved, 60 MB more at 100,000 requirements).
        return w.bytes.withUnsafeBufferPointer { Array($0) }
    }

    /// Something out of place in the bytes.
    struct Unreadable: Error {}

    /// The requirement written from `input`, given what its file gives; nil when the bytes do not read as one.
    /// `tables`: the positions tables already read, shared by the requirements of one decode.
    static func requirement(
        from input: inout RecordReader, listID: String, slug: String, path: String, body: MarkdownText, bodyLine: Int,
        tables: PositionTables? = nil
    ) -> Requirement? {
        try? read(&input, listID: listID, slug: slug, path: path, body: body, bodyLine: bodyLine, tables: tables)
    }

    /// The tables of key positions read so far, by their bytes in the record. Files made from one template put
    /// their keys on the same lines (8 layouts among the 10,000 files of the benchmark), so most requirements share
    /// a table read once rather than each hashing its dozen keys into a table of its own. The same bytes always
    /// read as the same table, so a table shared is the table that would have been read.
    final class PositionTables: Sendable {
        private let tables = Mutex<[[UInt8]: [String: SourcePosition]]>([:])
        /// Layouts kept at most: past it, a table is read for each requirement again.
        static let limit = 256

        init() {}

        func table(_ bytes: ArraySlice<UInt8>, read: () throws(Unreadable) -> [String: SourcePosition])
            throws(Unreadable) -> [String: SourcePosition]
        {
            let key = Array(bytes)
            if let table = tables.withLock({ $0[key] }) { return table }
            let table = try read()
            tables.withLock { if $0.count < Self.limit { $0[key] = table } }
            return table
        }
    }

    private static func read(
        _ r: inout RecordReader, listID: String, slug: String, path: String, body: MarkdownText, bodyLine: Int,
        tables: PositionTables?
    ) throws(Unreadable) -> Requirement {
        var q = Requirement(
            listID: listID, slug: slug, path: path, title: try r.need(r.text()), industries: [],
            issuer: Issuer(name: ""), status: nil, solvers: [], keywords: [], indicators: [], attachments: [],
            body: body, bodyLine: bodyLine, positions: [:])
        q.code = try r.optionalText()
        q.category = try r.optionalText()
        q.industries = try r.texts()
        q.region = try r.optionalText()
        q.bounty = try r.optional { r throws(Unreadable) in try r.need(r.amount()) }
        q.funding = try r.optionalText()
        q.published = try r.optional { r throws(Unreadable) in try r.need(r.day()) }
        q.deadline = try r.optional { r throws(Unreadable) in try r.need(r.day()) }
        q.status = try r.optionalText().map { text throws(Unreadable) in try r.need(Status(rawValue: text)) }
        q.solvers = try r.list { r throws(Unreadable) in
            let name = try r.need(r.text()), region = try r.optionalText()
            let role = try r.optionalText().map { text throws(Unreadable) in try r.need(SolverRole(rawValue: text)) }
            return Solver(
                name: name, region: region, role: role, project: try r.optionalText(), note: try r.optionalText())
        }
        q.eligibility = try r.texts()
        q.howToApply = try r.optionalText()
        q.applyURL = try r.optionalText()
        q.period = try r.optionalText()
        q.ip = try r.optionalText()
        q.timeline = try r.list { r throws(Unreadable) in
            TimelineEntry(date: try r.need(r.day()), event: try r.need(r.text()), time: try r.optionalText())
        }
        q.extra = ExtraFacts(
            try r.list { r throws(Unreadable) in ExtraFact(label: try r.need(r.text()), text: try r.need(r.text())) })
        q.titleEn = try r.optionalText()
        q.summaryEn = try r.optionalText()
        q.keywords = try r.texts()
        q.indicators = try r.list { r throws(Unreadable) in
            switch r.byte() {
            case 0: return .text(try r.need(r.text()))
            case 1: return .target(name: try r.need(r.text()), target: try r.need(r.text()))
            default: throw Unreadable()
            }
        }
        q.attachments = try r.list { r throws(Unreadable) in
            AttachmentLink(title: try r.need(r.text()), url: try r.need(r.text()))
        }
        q.summary = try r.optionalText()
        q.issuers = try r.list { r throws(Unreadable) in
            let name = try r.need(r.text())
            let type = try r.optionalText().map { text throws(Unreadable) in try r.need(IssuerType(rawValue: text)) }
            return Issuer(name: name, type: type, creditCode: try r.optionalText())
        }
        q.contacts = try r.list { r throws(Unreadable) in
            Contact(
                name: try r.optionalText(), phones: try r.texts(), email: try r.optionalText(),
                address: try r.optionalText())
        }
        q.sources = try r.texts()
        q.deadlineTime = try r.optional { r throws(Unreadable) in
            try r.need(TimeOfDay(hour: try r.need(r.count()), minute: try r.need(r.count())))
        }
        switch r.byte() {
        case 0: q.solversUndisclosed = false
        case 1: q.solversUndisclosed = true
        default: throw Unreadable()
        }
        q.bodySummary = try r.optionalText()
        // The positions come last: the rest of the record.
        func positions(_ r: inout RecordReader) throws(Unreadable) -> [String: SourcePosition] {
            let positions = try r.list { r throws(Unreadable) in (try r.need(r.name()), try r.need(r.position())) }
            var table: [String: SourcePosition] = [:]
            table.reserveCapacity(positions.count)
            for (name, position) in positions {
                guard table.updateValue(position, forKey: name) == nil else { throw Unreadable() }
            }
            return table
        }
        if let tables {
            let rest = r.bytes[r.offset..<r.end]
            q.positions = try tables.table(rest) { () throws(Unreadable) in
                // Read to the end of the record, as the caller checks when no table is kept: a byte after it is
                // damage, not part of a layout.
                let table = try positions(&r)
                guard r.offset == r.end else { throw Unreadable() }
                return table
            }
            // Read from the table kept: the reader goes past the bytes it stands for.
            r.offset = r.end
        } else {
            q.positions = try positions(&r)
        }
        return q
    }
}

extension RecordWriter {
    mutating func optional<T>(_ value: T?, _ write: (inout RecordWriter, T) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }

    mutating func optionalText(_ text: String?) { optional(text) { $0.text($1) } }

    mutating func list<T>(_ items: [T], _ write: (inout RecordWriter, T) -> Void) {
        count(items.count)
        for item in items { write(&self, item) }
    }

    mutating func texts(_ texts: [String]) { list(texts) { $0.text($1) } }
}

extension RecordReader {
    /// The value read, or `Unreadable` when it could not be.
    func need<T>(_ value: T?) throws(RequirementCoding.Unreadable) -> T {
        guard let value else { throw RequirementCoding.Unreadable() }
        return value
    }

    mutating func optional<T>(_ read: (inout RecordReader) throws(RequirementCoding.Unreadable) -> T)
        throws(RequirementCoding.Unreadable) -> T?
    {
        switch byte() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw RequirementCoding.Unreadable()
        }
    }

    mutating func optionalText() throws(RequirementCoding.Unreadable) -> String? {
        try optional { r throws(RequirementCoding.Unreadable) in try r.need(r.text()) }
    }

    /// A count, then that many items; a count larger than the bytes left is refused before anything is reserved.
    mutating func list<T>(_ read: (inout RecordReader) throws(RequirementCoding.Unreadable) -> T)
        throws(RequirementCoding.Unreadable) -> [T]
    {
        guard let count = count(), count <= end - offset else { throw RequirementCoding.Unreadable() }
        // Most lists of a requirement are empty: nothing to reserve.
        guard count > 0 else { return [] }
        var items: [T] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try read(&self)) }
        return items
    }

    mutating func texts() throws(RequirementCoding.Unreadable) -> [String] {
        try list { r throws(RequirementCoding.Unreadable) in try r.need(r.text()) }
    }
}
