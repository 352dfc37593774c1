import Admissions
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The children list and the council's queue, a page at a time by keyset: every row exactly once, in order,
/// searched without diacritics.
@Suite struct ListPagingTests {
    @Test func childrenAndApplicationsPageByKeysetWithoutLosingOrRepeatingARow() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            _ = try await verifiedApplicants(p, count: 7)
            let principal = try await p.fixture.principalCaller()
            let lists = ListService(database: db, clock: p.fixture.clock.function)
            let all = try await lists.children(of: p.campaign.id, by: principal)
            #expect(all.count == 8)
            var paged: [ListedChild] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await lists.childrenPage(of: p.campaign.id, after: cursor, limit: 3, by: principal)
                paged += page.children
                cursor = page.next
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(paged.map(\.id) == all.map(\.id), "pages put together are the whole list, in order")
            #expect(paged.allSatisfy { $0.code != nil }, "each page carries its children's codes")
            let found = try await lists.childrenPage(of: p.campaign.id, search: "NGUYEN thi anh", by: principal)
            #expect(found.children.map(\.entry.name.full) == ["Nguyễn Thị Ánh"] && found.next == nil)

            let review = ReviewService(database: db, clock: p.fixture.clock.function)
            let queue = try await review.queue(p.campaign.id, by: principal)
            #expect(queue.count == 7)
            let first = try await review.queuePage(p.campaign.id, limit: 3, by: principal)
            let second = try await review.queuePage(p.campaign.id, after: first.next, limit: 3, by: principal)
            let third = try await review.queuePage(p.campaign.id, after: second.next, limit: 3, by: principal)
            #expect(first.items.count == 3 && second.items.count == 3 && third.items.count == 1 && third.next == nil)
            #expect((first.items + second.items + third.items).map(\.application.id) == queue.map(\.application.id))
            let byName = try await review.queuePage(p.campaign.id, filter: ReviewFilter(search: "tre so 5"), by: principal)
            #expect(byName.items.map(\.application.form.childName.full) == ["Trẻ Số 5"])
            let number = try #require(queue[2].application.number)
            let byNumber = try await review.queuePage(p.campaign.id, filter: ReviewFilter(search: number), by: principal)
            #expect(byNumber.items.map(\.application.id) == [queue[2].application.id])
            let none = try await review.queuePage(p.campaign.id, filter: ReviewFilter(status: .submitted), by: principal)
            #expect(none.items.isEmpty && none.next == nil, "every application is verified")
        }
    }
}
