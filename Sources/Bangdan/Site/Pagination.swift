/// Splits a sequence into pages of `size`: page 1 at the base route, page n at `base/page/n/` (SCHEMA.md §8).
public struct Pagination: Hashable, Sendable {
    public let total: Int
    public let size: Int

    public init(total: Int, size: Int) {
        self.total = total
        self.size = max(1, size)
    }

    /// At least one page, so an empty list still has its page.
    public var pageCount: Int { max(1, (total + size - 1) / size) }

    public func range(ofPage page: Int) -> Range<Int> {
        let start = (page - 1) * size
        return start..<min(total, start + size)
    }

    public static func route(base: String, page: Int) -> String {
        page == 1 ? base : "\(base)page/\(page)/"
    }
}
