import Admissions
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@Suite struct ReviewTests {
    @Test func twoMembersCannotOverwriteEachOtherSilently() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let submitted = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            let first = try await p.fixture.caller(try await p.fixture.staff("hoidong.a", "Vũ Văn Hải", roles: [.councilMember]))
            let second = try await p.fixture.caller(try await p.fixture.staff("hoidong.b", "Lê Thị Hồng", roles: [.councilMember]))
            let review = ReviewService(database: db, clock: p.fixture.clock.function)
            let checklist = [ChecklistItem(code: "KS", state: .verified)]
            let verified = try await review.decide(
                submitted.id, checklist: checklist, decision: .verified(group: "DT1"),
                version: submitted.version, by: first)
            #expect(verified.status == .verified)
            await #expect(throws: RecordsError.staleEdit) {
                try await review.decide(
                    submitted.id, checklist: checklist, decision: .notEligible(reason: "Sai tuyến"),
                    version: submitted.version, by: second)
            }
            let (item, _) = try await review.item(submitted.id, by: second)
            #expect(item.application.status == .verified)
            #expect(item.review.verifiedGroup == "DT1")
            #expect(item.review.reviewedBy == "Vũ Văn Hải")
            let teacher = try await p.fixture.caller(try await p.fixture.staff("giaovien", "Lê Văn Anh", roles: [.teacher]))
            await #expect(throws: RecordsError.forbidden) { try await review.queue(p.campaign.id, by: teacher) }
        }
    }

    @Test func askingForMoreLetsTheParentAnswerAfterTheWindowUntilTheReviewEnds() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let submitted = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            let member = try await p.fixture.caller(try await p.fixture.staff("hoidong", "Vũ Văn Hải", roles: [.councilMember]))
            let review = ReviewService(database: db, clock: p.fixture.clock.function)
            await #expect(throws: FieldProblems("note", "Ghi rõ phụ huynh cần bổ sung gì.")) {
                try await review.decide(
                    submitted.id, checklist: [], decision: .needsInfo(message: " "), version: submitted.version, by: member)
            }
            let asked = try await review.decide(
                submitted.id, checklist: [ChecklistItem(code: "CT", state: .missing, note: "Thiếu giấy tạm trú")],
                decision: .needsInfo(message: "Bổ sung giấy xác nhận cư trú"), version: submitted.version, by: member)
            #expect(asked.status == .needsInfo)
            #expect(
                try await DeskService(database: db).messages(for: p.access).map(\.body) == ["Cần bổ sung: Bổ sung giấy xác nhận cư trú"])
            // The window closes; the parent can still answer the council until the review ends.
            p.fixture.clock.advance(p.campaign.windows.applyUntil.timeIntervalSince(p.fixture.clock.now) + 3600)
            try await p.documents.upload(
                SampleUploads.birthCertificatePDF, filename: "tam-tru.pdf", kind: "CT", for: p.access, by: p.parent)
            let answered = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            #expect(answered.status == .submitted)
            #expect(answered.number == submitted.number)
            let queue = try await review.queue(p.campaign.id, filter: ReviewFilter(status: .submitted), by: member)
            #expect(queue.map(\.application.id) == [submitted.id])
            #expect(queue.first?.documentCount == 2)
            p.fixture.clock.advance(p.campaign.windows.reviewUntil.timeIntervalSince(p.fixture.clock.now))
            await #expect(throws: AdmissionsError.windowClosed) {
                try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            }
        }
    }

    @Test func theQueueFiltersByUnitGroupDeskAndOpenDocuments() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let submitted = try await p.applications.submit(p.completeForm, for: p.access, by: p.parent)
            let chair = try await p.fixture.principalCaller()
            let review = ReviewService(database: db, clock: p.fixture.clock.function)
            #expect(try await review.queue(p.campaign.id, filter: ReviewFilter(unit: "00070|Tổ 1"), by: chair).count == 1)
            #expect(try await review.queue(p.campaign.id, filter: ReviewFilter(unit: "outside"), by: chair).isEmpty)
            #expect(try await review.queue(p.campaign.id, filter: ReviewFilter(group: "DT1"), by: chair).count == 1)
            #expect(try await review.queue(p.campaign.id, filter: ReviewFilter(atDesk: true), by: chair).isEmpty)
            #expect(try await review.queue(p.campaign.id, filter: ReviewFilter(documentsOpen: true), by: chair).count == 1)
            try await review.decide(
                submitted.id, checklist: [ChecklistItem(code: "KS", state: .verified)], decision: .verified(group: "DT1"),
                version: submitted.version, by: chair)
            #expect(try await review.queue(p.campaign.id, filter: ReviewFilter(documentsOpen: true), by: chair).isEmpty)
            await #expect(throws: FieldProblems("group", "Nhóm đối tượng không có trong đợt tuyển sinh.")) {
                try await review.decide(
                    submitted.id, checklist: [], decision: .verified(group: "XX"), version: submitted.version + 1, by: chair)
            }
        }
    }
}
