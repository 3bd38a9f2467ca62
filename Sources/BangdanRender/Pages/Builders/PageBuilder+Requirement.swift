import BangdanCore
import BangdanSite
import Mustache

extension PageBuilder {
    /// `body`: the requirement's body as read, when the model's is `unread`.
    func requirement(_ page: Page, _ index: Int, body read: MarkdownText? = nil) -> MustacheValue {
        let r = model.requirements[index], q = r.requirement
        let entry = model.list(id: q.listID)
        let open = r.effectiveStatus == .open
        let body = Markdown.html(read ?? q.body)
        let (previous, next) = neighbours(of: index, in: entry)
        let applyURL = open ? q.applyURL : nil
        let pageURL = Feeds.absolute(model.settings, prefix + page.route)
        let content = RequirementPage(
            status: format.effectiveStatus(r), statusClass: r.effectiveStatus.rawValue, closingSoon: r.isClosingSoon,
            applyURL: applyURL, code: q.code, lifecycle: lifecycle(r.effectiveStatus),
            ended: [.withdrawn, .closed].contains(r.effectiveStatus) ? format.effectiveStatus(r) : nil,
            bounty: format.amount(q.bounty) ?? t[.bountyUndisclosed], funding: q.funding,
            published: format.date(r.published),
            deadline: r.deadline.map { format.moment(Moment(day: $0, time: r.deadlineTime)) },
            countdown: countdown(r, always: true),
            deadlineLabel: r.deadlineTime == nil ? t[.deadline] : t[.deadlineWithTime],
            issuers: q.issuers.enumerated().map { i, issuer in
                RequirementPage.Issuer(
                    name: format.withNote(issuer.name, issuer.type.map(format.issuerType)),
                    creditCode: issuer.creditCode, lead: i == 0 && q.issuers.count > 1)
            },
            industries: q.industries.map { Link(name: termName(.industries, $0), url: termURL(.industries, $0)) },
            region: Link(name: termName(.regions, r.region), url: termURL(.regions, r.region)),
            category: termName(.categories, r.category),
            list: entry.map { TitledLink(title: title($0.list.title, en: $0.list.titleEn), url: url($0.route)) },
            body: body.isEmpty ? nil : body,
            indicatorTexts: q.indicators.compactMap {
                if case .text(let text) = $0 { TextLine(text: text) } else { nil }
            },
            indicatorTargets: q.indicators.compactMap {
                guard case .target(let name, let target) = $0 else { return nil }
                return RequirementPage.IndicatorTarget(name: name, target: target)
            },
            solvers: q.solvers.map {
                RequirementPage.Solver(
                    name: format.withNote($0.name, $0.region.map { termName(.regions, $0) }),
                    role: $0.role.map(format.solverRole),
                    project: $0.project.map { format.phrase(.solverProjectFormat, ["project": $0]) }, note: $0.note)
            },
            solversUndisclosed: q.solversUndisclosed,
            guide: guide(
                eligibility: q.eligibility, howToApply: q.howToApply, applyURL: applyURL, period: q.period, ip: q.ip,
                timeline: q.timeline, contacts: q.contacts),
            extra: q.extra.facts.map { RequirementPage.ExtraRow(label: $0.label, text: $0.text) },
            keywords: q.keywords.map {
                RequirementPage.Keyword(text: $0, url: url("search/") + "?q=" + Paths.encode($0, keepSlash: false))
            },
            attachments: q.attachments.map { attachment($0, of: q, in: entry) },
            source: q.source, previousItem: previous, nextItem: next,
            jsonld: JSONLD.demand(
                r, settings: model.settings, industryNames: q.industries.map { termName(.industries, $0) },
                regionName: termName(.regions, r.region)),
            pageURL: pageURL, qrCode: qrCode(pageURL))
        var crumbs = [homeCrumb, Link(name: t[.lists], url: url("lists/"))]
        if let entry {
            crumbs.append(Link(name: title(entry.list.title, en: entry.list.titleEn), url: url(entry.route)))
        }
        let frame = frame(
            page, title: title(q.title, en: q.titleEn), column: t[.columnRequirement],
            description: summary(r.summary, en: q.summaryEn), keywords: q.keywords, breadcrumb: crumbs,
            article: ArticleMeta(
                title: title(q.title, en: q.titleEn), pubdate: r.published.description, source: q.issuer.name),
            originalTitle: originalTitle(q.title, en: q.titleEn))
        return framed(content, frame)
    }

    /// An open call's deadline for `page.js`, with the days left as the build sees them: on every open call when
    /// `always` (the requirement page), else only while closing soon (cards), by the one rule (`isClosingSoon`).
    func countdown(_ r: ResolvedRequirement, always: Bool) -> Countdown? {
        guard r.effectiveStatus == .open, let deadline = r.deadline else { return nil }
        let shown = always || r.isClosingSoon
        return Countdown(
            day: deadline.description, soonDays: Resolve.closingSoonDays,
            note: shown ? format.phrase(.noteFormat, ["main": "", "note": format.daysLeftText(until: deadline)]) : nil,
            always: always)
    }

    /// The page's address as a QR code (an `<img>` of a PNG), or nil when it needs more than `QRCode.pageMaxVersion`.
    private func qrCode(_ pageURL: String) -> UTF8Text? {
        (try? QRCode(pageURL, maxVersion: QRCode.pageMaxVersion))?.image(label: t[.qrCodeLabel])
    }

    private func termURL(_ kind: VocabularyKind, _ id: String) -> String { url(SiteModel.termRoute(kind, id)) }

    /// A file of the list, with its type and size; or a link elsewhere.
    private func attachment(_ a: AttachmentLink, of q: Requirement, in entry: ListEntry?) -> FileLink {
        guard a.isLocalFile, let entry else {
            return FileLink(title: a.title, url: a.url, type: format.phrase(.link), size: nil)
        }
        return FileLink(
            title: a.title, url: fileURL("lists/\(q.listID)/\(a.url)"), type: fileType(a.url),
            size: format.fileSize(entry.list.attachmentFiles[a.url] ?? 0))
    }

    /// The requirements before and after this one in its list.
    private func neighbours(of index: Int, in entry: ListEntry?) -> (previous: TitledLink?, next: TitledLink?) {
        guard let members = entry?.members, let position = model.listPosition(ofRequirement: index) else {
            return (nil, nil)
        }
        func link(_ index: Int) -> TitledLink {
            let r = model.requirements[index]
            return TitledLink(
                title: title(r.requirement.title, en: r.requirement.titleEn), url: url(SiteModel.requirementRoute(r)))
        }
        return (
            position > 0 ? link(members[position - 1]) : nil,
            position + 1 < members.count ? link(members[position + 1]) : nil
        )
    }

    /// 征集中 → 对接中 → 已签约 → 已完成, each step done, current or to come.
    private func lifecycle(_ status: Status) -> [RequirementPage.LifecycleStep] {
        let steps: [Status] = [.open, .matching, .signed, .completed]
        let position = steps.firstIndex(of: status)
        return steps.enumerated().map { i, step in
            let state = position.map { i < $0 ? "done" : i == $0 ? "current" : "todo" } ?? "todo"
            return RequirementPage.LifecycleStep(label: format.status(step), state: state)
        }
    }
}
