import Mustache

/// What a reader needs to take a call on (`guide.mustache`, on a requirement's page and, from the list's defaults,
/// on its list's first page): who may apply, how (text whose addresses are links), where, the period, who owns the
/// results, the dated milestones with today's place, and whom to ask. Nil on a page when it has none of these.
struct Guide: ViewModel {
    let eligibility: [TextLine]
    let howToApply: [Paragraph]
    /// Where to apply; nil once the call is no longer open.
    let applyURL: String?
    let period: String?
    let ip: String?
    /// In date order, with a row for the build date where no milestone falls on it.
    let timeline: [TimelineRow]
    let contacts: [ContactCard]

    /// Nil when there is nothing to show.
    init?(
        eligibility: [TextLine], howToApply: [Paragraph], applyURL: String?, period: String?, ip: String?,
        timeline: [TimelineRow], contacts: [ContactCard]
    ) {
        guard
            !eligibility.isEmpty || !howToApply.isEmpty || applyURL != nil || period != nil || ip != nil
                || !timeline.isEmpty || !contacts.isEmpty
        else { return nil }
        self.eligibility = eligibility
        self.howToApply = howToApply
        self.applyURL = applyURL
        self.period = period
        self.ip = ip
        self.timeline = timeline
        self.contacts = contacts
    }

    enum Key: String, ViewModelKey {
        case eligibility
        case hasEligibility = "has_eligibility"
        case howToApply = "how_to_apply"
        case hasHowToApply = "has_how_to_apply"
        case applyURL = "apply_url"
        case period, ip
        case hasTerms = "has_terms"
        case timeline
        case hasTimeline = "has_timeline"
        case contacts
        case hasContacts = "has_contacts"
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .eligibility: eligibility.mustacheValue
        case .hasEligibility: .bool(!eligibility.isEmpty)
        case .howToApply: howToApply.mustacheValue
        case .hasHowToApply: .bool(!howToApply.isEmpty)
        case .applyURL: applyURL.mustacheValue
        case .period: period.mustacheValue
        case .ip: ip.mustacheValue
        case .hasTerms: .bool(applyURL != nil || period != nil || ip != nil)
        case .timeline: timeline.mustacheValue
        case .hasTimeline: .bool(!timeline.isEmpty)
        case .contacts: contacts.mustacheValue
        case .hasContacts: .bool(!contacts.isEmpty)
        }
    }
}

/// One line of text: an eligibility condition, a declared total, an indicator written as text.
struct TextLine: ViewModel {
    let text: String

    enum Key: String, ViewModelKey {
        case text
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .text: .string(text)
        }
    }
}

/// A paragraph of plain text in runs, each either text or a link (`LinkedText`).
struct Paragraph: ViewModel {
    let runs: [TextRun]

    enum Key: String, ViewModelKey {
        case runs
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .runs: runs.mustacheValue
        }
    }
}

/// Text, or an http(s) address shown as a link to itself.
struct TextRun: ViewModel {
    let text: String
    /// Set only for an address `URLCheck` accepts.
    let url: String?

    enum Key: String, ViewModelKey {
        case text, url
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .text: .string(text)
        case .url: url.mustacheValue
        }
    }
}

/// A dated milestone, or the build date's place among them.
struct TimelineRow: ViewModel {
    /// The date, and its time when one was written: `2023年1月10日 14:00`.
    let when: String
    /// For `<time datetime>`: `2023-01-10` or `2023-01-10T14:00`.
    let datetime: String
    /// Nil for the row that marks today.
    let event: String?
    /// `past`, `today` or `future`, against the build date.
    let state: String
    /// This row is the build date's place: `aria-current="date"` and the word for today.
    let current: Bool
    /// The row only marks today (no milestone falls on the build date).
    let marker: Bool

    enum Key: String, ViewModelKey {
        case when, datetime, event
        case state = "class"
        case current, marker
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .when: .string(when)
        case .datetime: .string(datetime)
        case .event: event.mustacheValue
        case .state: .string(state)
        case .current: .bool(current)
        case .marker: .bool(marker)
        }
    }
}

/// One contact, every number and address a link; at least one field is set.
struct ContactCard: ViewModel {
    let name: String?
    let phones: [PhoneLink]
    let email: String?
    let mailto: String?
    let address: String?

    enum Key: String, ViewModelKey {
        case name, phones
        case hasPhones = "has_phones"
        case email, mailto, address
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .name: name.mustacheValue
        case .phones: phones.mustacheValue
        case .hasPhones: .bool(!phones.isEmpty)
        case .email: email.mustacheValue
        case .mailto: mailto.mustacheValue
        case .address: address.mustacheValue
        }
    }
}

/// A phone number as written, and its `tel:` link (with `;ext=` for an extension).
struct PhoneLink: ViewModel {
    let text: String
    let tel: String

    enum Key: String, ViewModelKey {
        case text, tel
        static let byName = index()
    }

    func value(for key: Key) -> MustacheValue {
        switch key {
        case .text: .string(text)
        case .tel: .string(tel)
        }
    }
}
