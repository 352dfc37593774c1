import Admissions
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@Suite struct DrawTests {
    @Test func theSeedComesFirstTheDrawAfterTheReviewAndParentsSeeNothingBeforeApproval() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let principal = try await p.fixture.principalCaller()
            // 4 classes × 35 = 140 places; 150 applicants of the drawn group DT3 plus 2 guaranteed (DT1).
            let applications = try await verifiedApplicants(p, count: 152, groups: ["DT1", "DT1"])
            let draws = DrawService(database: db, clock: p.fixture.clock.function)
            await #expect(throws: FieldProblems.self, "no draw before the seed is announced") {
                try await draws.draw(p.campaign.id, by: principal)
            }
            let seed = try await draws.announce(p.campaign.id, publicValue: "Giải đặc biệt XSKT Thủ đô 10/07/2027: 12345", by: principal)
            #expect(seed == Lottery.seed(publicValue: "Giải đặc biệt XSKT Thủ đô 10/07/2027: 12345", campaign: p.campaign.id.description))
            await #expect(throws: FieldProblems.self, "no draw before the review closes") {
                try await draws.draw(p.campaign.id, by: principal)
            }
            p.fixture.clock.advance(p.campaign.windows.reviewUntil.timeIntervalSince(p.fixture.clock.now))
            let result = try await draws.draw(p.campaign.id, by: principal)
            #expect(result.admitted.count == 140)
            #expect(result.waitlist.count == 12)
            #expect(result.lotteryUsed)
            #expect(Set(result.admitted.prefix(2).map(\.number)) == Set(applications.prefix(2).compactMap(\.number)))
            #expect(try await draws.verify(p.campaign.id, by: .system()).isEmpty)
            // Nothing is visible to parents before the chair approves.
            let before = try await ApplicationService(database: db).load(
                try await DeskService(database: db).access(applications[5].code, by: principal))
            #expect(before.application?.outcome == nil)
            await #expect(throws: FieldProblems("membersPresent", "Ghi tên các thành viên hội đồng có mặt.")) {
                try await draws.approve(p.campaign.id, membersPresent: " ", by: principal)
            }
            let member = try await p.fixture.caller(try await p.fixture.staff("hoidong", "Vũ Văn Hải", roles: [.councilMember]))
            await #expect(throws: RecordsError.forbidden) {
                try await draws.approve(p.campaign.id, membersPresent: "Vũ Văn Hải", by: member)
            }
            try await draws.approve(p.campaign.id, membersPresent: "Nguyễn Văn Minh (chủ tịch), Vũ Văn Hải", by: principal)
            var outcomes: [Outcome: Int] = [:]
            for application in applications {
                let loaded = try await ApplicationService(database: db).load(
                    try await DeskService(database: db).access(application.code, by: principal))
                outcomes[try #require(loaded.application?.outcome), default: 0] += 1
            }
            #expect(outcomes == [.admitted: 140, .waitlisted: 12])
            await #expect(throws: FieldProblems.self, "the seed cannot change after the draw") {
                try await draws.announce(p.campaign.id, publicValue: "khác", by: principal)
            }
        }
    }

    @Test func noVerificationChangesOnceTheReviewHasClosed() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let principal = try await p.fixture.principalCaller()
            let applications = try await verifiedApplicants(p, count: 3)
            let draws = DrawService(database: db, clock: p.fixture.clock.function)
            try await draws.announce(p.campaign.id, publicValue: "12345", by: principal)
            p.fixture.clock.advance(p.campaign.windows.reviewUntil.timeIntervalSince(p.fixture.clock.now))
            let result = try await draws.draw(p.campaign.id, by: principal)
            #expect(!result.lotteryUsed)
            // After the review closes the council can no longer change a verification; the chair corrects with a reason.
            await #expect(throws: FieldProblems.self) {
                try await ReviewService(database: db, clock: p.fixture.clock.function)
                    .decide(
                        applications[0].id, checklist: [], decision: .verified(group: "DT1"), version: applications[0].version,
                        by: principal)
            }
            #expect(try await draws.verify(p.campaign.id, by: .system()).isEmpty)
        }
    }
}
