import Synchronization

/// Each requirement's card in one language, by position in `model.requirements`: rendered the first time a page
/// shows it, then kept for every other page that shows it. A keyed rebuild makes a few pages, so it renders a few
/// cards, not one for every requirement.
final class Cards: Sendable {
    private let make: @Sendable (Int) throws -> String
    private let made: Mutex<[String?]>
    private let failure = Mutex<(any Error)?>(nil)

    init(count: Int, make: @escaping @Sendable (Int) throws -> String) {
        self.make = make
        made = Mutex([String?](repeating: nil, count: count))
    }

    /// Cards already rendered.
    convenience init(_ rendered: [String]) {
        self.init(count: rendered.count) { rendered[$0] }
    }

    /// The card of the requirement at `index`; empty when it cannot be rendered, the error kept for `check`.
    subscript(index: Int) -> String {
        if let card = made.withLock({ $0[index] }) { return card }
        do {
            let card = try make(index)
            made.withLock { $0[index] = card }
            return card
        } catch {
            failure.withLock { if $0 == nil { $0 = error } }
            return ""
        }
    }

    /// Throws the first error a card met: a page built while it was rendered must not be written.
    func check() throws {
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
