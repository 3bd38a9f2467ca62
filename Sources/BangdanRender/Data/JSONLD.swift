import BangdanCore
import BangdanLoad
import BangdanSite

/// schema.org JSON-LD for a requirement page: a `Demand` posted by the issuer as an `Organization`, whose
/// 统一社会信用代码 is its identifier. JSONText escapes `<`, so the script element cannot be closed early.
enum JSONLD {
    static func demand(_ r: ResolvedRequirement, settings: SiteSettings, industryNames: [String], regionName: String)
        -> String
    {
        let q = r.requirement
        var organization: [(String, String)] = [
            ("@type", JSONText.quote("Organization")), ("name", JSONText.quote(q.issuer.name)),
        ]
        if let code = q.issuer.creditCode {
            organization.append(
                (
                    "identifier",
                    JSONText.object([
                        ("@type", JSONText.quote("PropertyValue")), ("propertyID", JSONText.quote("统一社会信用代码")),
                        ("value", JSONText.quote(code)),
                    ])
                ))
        }
        var fields: [(String, String)] = [
            ("@context", JSONText.quote("https://schema.org")),
            ("@type", JSONText.quote("Demand")),
            ("name", JSONText.quote(q.title)),
            ("url", JSONText.quote(Feeds.absolute(settings, SiteModel.requirementRoute(r)))),
            ("seller", JSONText.object(organization)),
            ("category", JSONText.array(industryNames.map(JSONText.quote))),
            ("areaServed", JSONText.quote(regionName)),
            ("validFrom", JSONText.quote(r.published.description)),
        ]
        if let summary = r.summary { fields.append(("description", JSONText.quote(summary))) }
        if let code = q.code { fields.append(("identifier", JSONText.quote(code))) }
        if let deadline = r.deadline { fields.append(("validThrough", JSONText.quote(deadline.description))) }
        // Only an exact amount is a price; a range or a bound is not one figure.
        if case .exact(let wan, let currency)? = q.bounty {
            // One millionth of 万元 is one fen: the price in yuan is micro / 100.
            let yuan = "\(wan.micro / 100)" + (wan.micro % 100 == 0 ? "" : String(format2: wan.micro % 100))
            fields.append(
                (
                    "priceSpecification",
                    JSONText.object([
                        ("@type", JSONText.quote("PriceSpecification")), ("price", yuan),
                        ("priceCurrency", JSONText.quote(currency.rawValue)),
                    ])
                ))
        }
        return JSONText.object(fields)
    }
}

private extension String {
    /// `.05` for 5 fen.
    init(format2 fen: Int64) { self = "." + (fen < 10 ? "0" : "") + "\(fen)" }
}
