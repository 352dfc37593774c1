import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The council's work: after each decision the member goes on to the next application waiting; the chair ends the
/// review early with a recorded reason instead of editing the campaign's dates.
@Suite struct CouncilWorkWebTests {
    @Test func aDecisionLeadsToTheNextApplicationAndTheChairEndsTheReviewWithAReason() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            _ = try await appliedFamily(app, samples[0])
            let second = try await openWithCertificate(app, samples[1])
            let sent = try await second.post(
                Site.portalApplication(), completeApplication(samples[1], family: "Lê", middle: "Văn", given: "Anh", gender: "male"))
            #expect(sent.status == .seeOther)
            let campaign = try #require(try await app.domain.campaigns.current())
            let waiting = try await app.domain.review.queue(campaign.id, by: .system()).map(\.application)
                .sorted { ($0.number ?? "") < ($1.number ?? "") }
            #expect(waiting.count == 2)

            let member = TestBrowser(app)
            try await member.login("hoidong", DemoSchool.password)
            let first = try await member.get(Site.reviewApplication(waiting[0].id))
            #expect(first.body.contains(#"href="\#(Site.reviewApplication(waiting[1].id))""#), "a link to the next one waiting")
            let decided = try await member.post(
                Site.reviewApplication(waiting[0].id), [("version", "\(waiting[0].version)"), ("decision", "verified"), ("group", "DT1")])
            #expect(decided.status == .seeOther)
            #expect(decided.location == Site.reviewApplication(waiting[1].id), "on to the next application, not back to the list")
            let next = try await member.get(Site.reviewApplication(waiting[1].id))
            #expect(next.body.contains("Tiếp theo: hồ sơ \(waiting[1].number ?? "")"))
            let last = try await member.post(
                Site.reviewApplication(waiting[1].id), [("version", "\(waiting[1].version)"), ("decision", "verified"), ("group", "DT1")])
            #expect(last.location == Site.reviewQueue(campaign.id))
            #expect(try await member.get(Site.reviewQueue(campaign.id)).body.contains("Không còn hồ sơ nào chờ xét."))

            // Only the chair ends the review, and only with a reason.
            #expect(try await member.post(Site.drawEndReview(campaign.id), [("reason", "Xong")]).status == .forbidden)
            let chair = TestBrowser(app)
            try await chair.login("hieutruong", DemoSchool.password)
            let drawPage = try await chair.get(Site.draw(campaign.id))
            #expect(drawPage.body.contains("Kết thúc xét duyệt ngay"))
            let bare = try await chair.post(Site.drawEndReview(campaign.id), [("reason", " ")])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.contains("Ghi rõ lý do kết thúc xét duyệt sớm"))
            #expect(try await app.domain.campaigns.current()?.windows.reviewUntil == campaign.windows.reviewUntil, "nothing changed")
            let ended = try await chair.post(
                Site.drawEndReview(campaign.id), [("reason", "Hội đồng đã xét xong mọi hồ sơ ngày 05/07")])
            #expect(ended.status == .seeOther)
            let after = try #require(try await app.domain.campaigns.current())
            #expect(after.windows.reviewUntil <= Date() && after.windows.applyUntil < after.windows.reviewUntil)
            let audit = try await app.domain.audit.entries(.init(entity: "campaign"), limit: 20, by: .system())
            #expect(audit.contains { $0.event.action == "campaign.endReview" && $0.event.summary.contains("đã xét xong mọi hồ sơ") })
            #expect(!(try await chair.get(Site.draw(campaign.id))).body.contains("Kết thúc xét duyệt ngay"))
        }
    }
}
