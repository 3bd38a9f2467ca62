import BangdanCore
import BangdanSite
import Mustache

/// The guide (`guide.mustache`) a requirement's page and its list's page share: how to take the call on.
extension PageBuilder {
    /// Nil when none of the parts is given.
    func guide(
        eligibility: [String], howToApply: String?, applyURL: String?, period: String?, ip: String?,
        timeline: [TimelineEntry], contacts: [Contact]
    ) -> Guide? {
        Guide(
            eligibility: eligibility.map(TextLine.init), howToApply: howToApply.map(LinkedText.paragraphs) ?? [],
            applyURL: applyURL, period: period, ip: ip, timeline: timelineRows(timeline),
            contacts: contacts.compactMap(contactCard))
    }

    /// The milestones in date order (a milestone with a time after one without on the same day; otherwise as
    /// written), each past, today or to come against the build date; and, when no milestone falls on the build
    /// date, a row for it in its place, so the reader sees where the call stands.
    func timelineRows(_ entries: [TimelineEntry]) -> [TimelineRow] {
        guard !entries.isEmpty else { return [] }
        let today = model.buildDate
        let sorted = entries.enumerated().sorted { a, b in
            (a.element.date, a.element.time ?? "", a.offset) < (b.element.date, b.element.time ?? "", b.offset)
        }.map(\.element)
        var rows = sorted.map { entry in
            TimelineRow(
                when: format.moment(Moment(day: entry.date, time: entry.time.flatMap { TimeOfDay($0) })),
                datetime: entry.date.description + (entry.time.map { "T" + $0 } ?? ""), event: entry.event,
                state: entry.date < today ? "past" : entry.date == today ? "today" : "future",
                current: entry.date == today, marker: false)
        }
        if !sorted.contains(where: { $0.date == today }) {
            let place = sorted.firstIndex { $0.date > today } ?? sorted.count
            rows.insert(
                TimelineRow(
                    when: format.date(today), datetime: today.description, event: nil, state: "today", current: true,
                    marker: true),
                at: place)
        }
        return rows
    }

    /// A contact with `tel:` links (`Phone.telURI`, with `;ext=` for an extension) and a `mailto:` link; nil when
    /// it gives nothing.
    func contactCard(_ c: Contact) -> ContactCard? {
        guard c.name != nil || !c.phones.isEmpty || c.email != nil || c.address != nil else { return nil }
        return ContactCard(
            name: c.name,
            phones: c.phones.map { written in
                // Decoding kept only numbers `Phone` reads; the fallback keeps a link for one built in code.
                let phone = Phone(written)
                return PhoneLink(
                    text: phone?.text ?? written,
                    tel: phone?.telURI ?? "tel:" + written.filter { $0.isASCIIDigit || $0 == "+" })
            },
            email: c.email, mailto: c.email.map { "mailto:" + $0 }, address: c.address)
    }
}
