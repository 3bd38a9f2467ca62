import Testing

@testable import BangdanCore
@testable import BangdanRender
@testable import BangdanSite

/// A feed's channel holds the newest `feedLimit` requirements in the order `SiteModel.newestFirst` gives, found
/// by sorting their dates and ids once rather than whole requirements.
@Suite struct FeedChannelTests {
    @Test func theChannelsHoldTheNewestInTheModelsOrder() throws {
        var files: [String: String] = [:]
        for i in 0..<130 {
            // Three dates, so both the date and the id decide.
            files["\(listPath)/r\(i).md"] = requirement("title: 需求\(i)\npublished: 2022-0\(i % 3 + 1)-15")
        }
        let site = try FixtureSite(files)
        let model = SiteModel(try #require(try site.check().resolved))
        #expect(model.requirements.count >= 130)
        let expected = Array(
            model.requirements.indices.sorted { SiteModel.newestFirst(model.requirements[$0], model.requirements[$1]) }
                .prefix(Feeds.feedLimit))
        #expect(Feeds.siteChannel(model).members == expected)
        let list = try #require(model.lists.firstIndex { $0.list.id == "2022-test" })
        let members = model.lists[list].members
        let listExpected = Array(
            members.sorted { SiteModel.newestFirst(model.requirements[$0], model.requirements[$1]) }
                .prefix(Feeds.feedLimit))
        #expect(Feeds.listChannel(model, list).members == listExpected)
        #expect(Feeds.siteChannel(model).members.count == Feeds.feedLimit)
    }
}
