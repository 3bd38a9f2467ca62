import BangdanSchema

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

    /// The page numbers a pager shows around `page`: the first, the last, and `radius` on each side of the
    /// current one; `nil` stands for a gap ("…"). At most `2 * radius + 5` entries whatever the page count, so a
    /// list of N pages writes O(N) pager bytes in all, not O(N²).
    public func window(around page: Int, radius: Int = 2) -> [Int?] {
        let count = pageCount
        let low = max(1, page - radius), high = min(count, page + radius)
        var numbers: [Int?] = []
        if low > 1 { numbers.append(1) }
        if low > 3 { numbers.append(nil) } else if low == 3 { numbers.append(2) }
        numbers += (low...high).map { Optional($0) }
        if high < count - 2 { numbers.append(nil) } else if high == count - 2 { numbers.append(count - 1) }
        if high < count { numbers.append(count) }
        return numbers
    }

    public static func route(base: String, page: Int) -> String {
        page == 1 ? base : "\(base)page/\(page)/"
    }
}
