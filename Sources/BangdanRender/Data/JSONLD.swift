import BangdanCore
import BangdanLoad
import BangdanSite
import Mustache

/// schema.org JSON-LD for a requirement page: what the page is, in schema.org's words.
///
/// A requirement (技术需求) is a public call by its issuer for a technical solution it will pay for. schema.org's
/// type for "the announcement by an organization … to seek a certain type of goods or services" is `Demand`, and
/// the property that says who seeks it is `seeks`, on the seeking `Organization` (Demand has no property of its
/// own for that side). `Demand.seller` names the party that would *supply* what is sought — here the future
/// solver — so the issuer is never a `seller`. The page is therefore a `@graph` of two kinds of node:
/// - the `Demand` (name, url, description, code as `identifier`, industries as `category`, the region as
///   `areaServed`, `validFrom` the publication date, `validThrough` the deadline), with the bounty as the
///   `priceSpecification` the issuer offers to pay (`price`, or `minPrice`/`maxPrice` for a range or a bound, in
///   the amount's own currency; none for 面议 or 不设金额);
/// - each issuer (the lead first) as an `Organization` that `seeks` the Demand, its 统一社会信用代码 as a
///   `PropertyValue` identifier.
/// `MonetaryGrant` (funder = the issuer) was the alternative: it says the issuer funds the work, but it has no
/// dates, region or category, and most requirements state no single amount, which is the one thing it describes.
/// JSONText escapes `<`, so the script element cannot be closed early.
enum JSONLD {
    /// Written into one buffer as it goes (`JSONObject`), the bytes `JSONText.object` and `quote` would give.
    static func demand(_ r: ResolvedRequirement, settings: SiteSettings, industryNames: [String], regionName: String)
        -> UTF8Text
    {
        let q = r.requirement
        let page = Feeds.absolute(settings, SiteModel.requirementRoute(r))
        let demandID = page + "#demand"
        var w = ByteWriter(capacity: 1_024)
        var root = JSONObject(after: &w)
        root.string("@context", "https://schema.org")
        root.member("@graph")
        root.writer.byte(0x5B)
        var demand = JSONObject(after: &root.writer)
        demand.string("@type", "Demand")
        demand.string("@id", demandID)
        demand.string("name", q.title)
        demand.string("url", page)
        demand.strings("category", industryNames)
        demand.string("areaServed", regionName)
        demand.string("validFrom", r.published.description)
        if let summary = r.summary { demand.string("description", summary) }
        if let code = q.code { demand.string("identifier", code) }
        if let deadline = r.deadline { demand.string("validThrough", deadline.description) }
        if let price = priceSpecification(q.bounty) { demand.raw("priceSpecification", price) }
        root.writer = demand.end()

        let issuers = q.issuers.isEmpty ? [q.issuer] : q.issuers
        for (position, issuer) in issuers.enumerated() {
            root.writer.byte(0x2C)
            var organization = JSONObject(after: &root.writer)
            organization.string("@type", "Organization")
            organization.string("@id", page + "#issuer-\(position + 1)")
            organization.string("name", issuer.name)
            if let code = issuer.creditCode {
                organization.member("identifier")
                var identifier = JSONObject(after: &organization.writer)
                identifier.string("@type", "PropertyValue")
                identifier.string("propertyID", "统一社会信用代码")
                identifier.string("value", code)
                organization.writer = identifier.end()
            }
            organization.member("seeks")
            var seeks = JSONObject(after: &organization.writer)
            seeks.string("@id", demandID)
            organization.writer = seeks.end()
            root.writer = organization.end()
        }
        root.writer.byte(0x5D)
        return UTF8Text(root.end().bytes)
    }

    /// What the issuer offers to pay, in units of the amount's currency (元, 美元 …): `price` for an exact amount,
    /// `minPrice` and/or `maxPrice` for a range or a bound. Nil for 面议 and 不设金额, which name no figure.
    static func priceSpecification(_ amount: Amount?) -> String? {
        guard let amount, let currency = amount.currency else { return nil }
        var fields: [(String, String)] = [("@type", JSONText.quote("PriceSpecification"))]
        if case .exact(let wan, _) = amount {
            fields.append(("price", units(wan)))
        } else {
            if let low = amount.lowerBound { fields.append(("minPrice", units(low))) }
            if let high = amount.upperBound { fields.append(("maxPrice", units(high))) }
        }
        fields.append(("priceCurrency", JSONText.quote(currency.rawValue)))
        return JSONText.object(fields)
    }

    /// An amount in 万 as a number of whole units: one millionth of 万 is one hundredth of a unit (one fen).
    static func units(_ wan: Wan) -> String {
        "\(wan.micro / 100)" + (wan.micro % 100 == 0 ? "" : String(format2: wan.micro % 100))
    }
}

private extension String {
    /// `.05` for 5 fen.
    init(format2 fen: Int64) { self = "." + (fen < 10 ? "0" : "") + "\(fen)" }
}
