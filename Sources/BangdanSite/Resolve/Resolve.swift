import BangdanCore
import BangdanSchema

/// The `resolve` stage: defaults inherited from lists, cross-file rules (duplicate codes, attachments), the
/// effective status and the warnings of SCHEMA.md §6. Pure.
public enum Resolve {
    public static func resolve(_ content: Content, buildDate: Day) -> (resolved: Resolved?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let listsByID = Dictionary(content.lists.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let requirements = content.requirements.sorted { ($0.listID, $0.slug) < ($1.listID, $1.slug) }
        let summaries = Parallel.map(requirements) { $0.summary ?? PlainText.firstParagraph(of: $0.body, limit: 500) }

        var resolved: [ResolvedRequirement] = []
        var firstPathByCode: [String: String] = [:]
        var namedFiles: Set<String> = []
        for (position, requirement) in requirements.enumerated() {
            func report(_ problem: Problem, _ key: String?) {
                let at = key.flatMap { requirement.positions[$0] } ?? .start
                diagnostics.append(Diagnostic(problem, path: requirement.path, at: at))
            }
            if let code = requirement.code {
                let key = "\(requirement.listID)\u{0}\(code)"
                if let earlier = firstPathByCode[key] {
                    report(.duplicateCode(code: code, earlierPath: earlier), "code")
                } else {
                    firstPathByCode[key] = requirement.path
                }
            }
            // Without its list (no or invalid _index.md, reported there) the defaults are unknown.
            guard let list = listsByID[requirement.listID] else { continue }
            for (i, link) in requirement.attachments.enumerated() where link.isLocalFile {
                if list.attachmentFiles[link.url] == nil {
                    report(.attachmentMissing(name: link.url), "attachments.\(i)")
                }
                namedFiles.insert("\(list.id)/\(link.url)")
            }
            guard let category = requirement.category ?? list.category else {
                report(.missingField(field: "category"), nil)
                continue
            }
            let published = requirement.published ?? list.published
            let deadline = requirement.deadline ?? list.deadline
            if let deadline, deadline < published, requirement.deadline != nil || requirement.published != nil {
                report(
                    .deadlineBeforePublished(deadline: deadline, published: published),
                    requirement.deadline != nil ? "deadline" : "published")
            }
            var effective = requirement.status
            if requirement.status == .open, let deadline, deadline < buildDate {
                effective = .closed
                report(.deadlinePassed(deadline: deadline), requirement.deadline != nil ? "deadline" : "status")
            }
            if [.signed, .completed].contains(requirement.status), requirement.solvers.isEmpty {
                report(.missingSolvers(status: requirement.status), "status")
            }
            if requirement.status == .open, !requirement.solvers.isEmpty {
                report(.solversWhileOpen, "solvers")
            }
            resolved.append(
                ResolvedRequirement(
                    requirement: requirement, category: category, region: requirement.region ?? list.region,
                    published: published, deadline: deadline, effectiveStatus: effective,
                    summary: summaries[position]
                ))
        }
        for file in content.attachments
        where listsByID[file.listID] != nil && !namedFiles.contains("\(file.listID)/\(file.name)") {
            diagnostics.append(Diagnostic(.unusedAttachment(name: file.name), path: file.path))
        }
        guard let site = content.site else { return (nil, diagnostics) }
        var lists = content.lists.map { list in
            var list = list
            if list.summary == nil { list.summary = PlainText.firstParagraph(of: list.body, limit: 500) }
            return list
        }
        lists.sort { ($0.published, $1.id) > ($1.published, $0.id) }
        return (
            Resolved(
                site: site, vocabularies: content.vocabularies, lists: lists, requirements: resolved,
                attachments: content.attachments, buildDate: buildDate), diagnostics
        )
    }
}
