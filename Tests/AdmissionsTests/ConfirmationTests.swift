import Admissions
import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

/// A drawn and published campaign with `count` applicants for `places` places (classes × places per class).
func publishedCampaign(_ db: any Database, applicants count: Int, classes: Int = 1, placesPerClass: Int = 2)
    async throws -> (PortalFixture, [AdmissionApplication])
{
    let p = try await PortalFixture.make(db)
    let principal = try await p.fixture.principalCaller()
    let campaigns = CampaignService(database: db, clock: p.fixture.clock.function)
    let draft = CampaignDraft(
        schoolYearName: p.campaign.schoolYearName, title: p.campaign.title, birthYear: p.campaign.birthYear,
        classes: classes, placesPerClass: placesPerClass, windows: p.campaign.windows,
        catchment: p.campaign.catchment, approver: p.campaign.approver, deskPhone: p.campaign.deskPhone)
    try await campaigns.update(p.campaign.id, draft, version: p.campaign.version, impactReason: nil, by: principal)
    let applications = try await verifiedApplicants(p, count: count)
    let draws = DrawService(database: db, clock: p.fixture.clock.function)
    try await draws.announce(p.campaign.id, publicValue: "98765", by: principal)
    p.fixture.clock.advance(p.campaign.windows.reviewUntil.timeIntervalSince(p.fixture.clock.now))
    try await draws.draw(p.campaign.id, by: principal)
    try await draws.approve(p.campaign.id, membersPresent: "Nguyễn Văn Minh", by: principal)
    return (p, applications)
}

func current(_ p: PortalFixture, _ application: AdmissionApplication) async throws -> AdmissionApplication {
    let access = try await DeskService(database: p.fixture.db).access(application.code, by: .system())
    return try #require(try await ApplicationService(database: p.fixture.db).load(access).application)
}

@Suite struct ConfirmationTests {
    @Test func aPlaceNotConfirmedInTimeGoesToTheFirstOnTheWaitlistExactlyOnce() async throws {
        try await TestDatabase.withFresh { db in
            let (p, applications) = try await publishedCampaign(db, applicants: 4)
            var states = try await applications.asyncMap { try await current(p, $0) }
            let admitted = states.filter { $0.outcome == .admitted }
            let waitlisted = states.filter { $0.outcome == .waitlisted }.sorted { ($0.waitlistPosition ?? 0) < ($1.waitlistPosition ?? 0) }
            #expect(admitted.count == 2 && waitlisted.count == 2)
            // One family confirms; the other lets the deadline pass.
            let confirmer = try await DeskService(database: db).access(admitted[0].code, by: .system())
            try await ConfirmationService(database: db, clock: p.fixture.clock.function)
                .respond(accept: true, for: confirmer, by: .parent(code: admitted[0].code.display, address: "a"))
            p.fixture.clock.advance(p.campaign.windows.confirmBy.timeIntervalSince(p.fixture.clock.now) + 1)
            let service = ConfirmationService(database: db, clock: p.fixture.clock.function)
            async let first = service.releaseExpired(p.campaign.id)
            async let second = service.releaseExpired(p.campaign.id)
            let runs = try await [first, second]
            #expect(runs.map(\.released).reduce(0, +) == 1)
            #expect(runs.map(\.promoted).reduce(0, +) == 1)
            #expect(try await service.releaseExpired(p.campaign.id) == (0, 0))
            states = try await applications.asyncMap { try await current(p, $0) }
            #expect(states.first { $0.id == admitted[1].id }?.confirmation == .released)
            let promoted = try #require(states.first { $0.id == waitlisted[0].id })
            #expect(promoted.outcome == .admitted)
            #expect(promoted.confirmUntil == p.fixture.clock.now.addingTimeInterval(3 * 86_400))
            #expect(states.first { $0.id == waitlisted[1].id }?.outcome == .waitlisted)
            #expect(states.filter { $0.outcome == .admitted && $0.confirmation != .released }.count == 2, "capacity is never exceeded")
            let outbox = try await Outbox(database: db).recent(by: .system())
            #expect(outbox.contains { $0.subject == "Trẻ đã trúng tuyển từ danh sách chờ" && $0.code == promoted.code.symbols })
        }
    }

    @Test func aDeclineFreesThePlaceAtOnceAndLateAnswersAreRefused() async throws {
        try await TestDatabase.withFresh { db in
            let (p, applications) = try await publishedCampaign(db, applicants: 3)
            let states = try await applications.asyncMap { try await current(p, $0) }
            let admitted = states.filter { $0.outcome == .admitted }
            let waiting = try #require(states.first { $0.outcome == .waitlisted })
            let service = ConfirmationService(database: db, clock: p.fixture.clock.function)
            let access = try await DeskService(database: db).access(admitted[0].code, by: .system())
            try await service.respond(accept: false, for: access, by: .parent(code: admitted[0].code.display, address: "a"))
            #expect(try await current(p, waiting).outcome == .admitted)
            await #expect(throws: FieldProblems("confirmation", "Đã trả lời trước đó.")) {
                try await service.respond(accept: true, for: access, by: .parent(code: admitted[0].code.display, address: "a"))
            }
            p.fixture.clock.advance(p.campaign.windows.confirmBy.timeIntervalSince(p.fixture.clock.now) + 1)
            let late = try await DeskService(database: db).access(admitted[1].code, by: .system())
            await #expect(throws: FieldProblems("confirmation", "Đã quá hạn xác nhận nhập học.")) {
                try await service.respond(accept: true, for: late, by: .parent(code: admitted[1].code.display, address: "a"))
            }
        }
    }
}

@Suite struct ResultsTests {
    @Test func theReportCountsOutcomesAndTheChairAloneCorrectsWithAReason() async throws {
        try await TestDatabase.withFresh { db in
            let (p, applications) = try await publishedCampaign(db, applicants: 3)
            let principal = try await p.fixture.principalCaller()
            var report = try await ResultsReport.build(p.campaign.id, on: db, by: principal)
            #expect(report.total.admitted == 2 && report.total.waitlisted == 1)
            #expect(report.children.map(\.outcome) == ["Trúng tuyển", "Trúng tuyển", "Trong danh sách chờ"])
            let waiting = try #require(try await applications.asyncMap { try await current(p, $0) }.first { $0.outcome == .waitlisted })
            let draws = DrawService(database: db, clock: p.fixture.clock.function)
            await #expect(throws: FieldProblems("reason", "Ghi rõ lý do sửa kết quả đã công bố.")) {
                try await draws.correct(waiting.id, to: .admitted, reason: "", by: principal)
            }
            let member = try await p.fixture.caller(try await p.fixture.staff("hoidong", "Vũ Văn Hải", roles: [.councilMember]))
            await #expect(throws: RecordsError.forbidden) { try await draws.correct(waiting.id, to: .admitted, reason: "x", by: member) }
            try await draws.correct(waiting.id, to: .admitted, reason: "Hội đồng xác minh lại nơi cư trú", by: principal)
            report = try await ResultsReport.build(p.campaign.id, on: db, by: principal)
            #expect(report.total.admitted == 3 && report.total.waitlisted == 0)
            let summaries = try await AuditLog(database: db).entries(.init(entity: "application"), by: principal).map(\.event.summary)
            #expect(summaries.contains { $0.contains("Lý do: Hội đồng xác minh lại nơi cư trú") })
        }
    }
}

@Suite struct CorrectionConsistencyTests {
    @Test func demotingAnAdmittedChildPromotesAtOnceAndReadmittingGivesAFreshDeadline() async throws {
        try await TestDatabase.withFresh { db in
            let (p, applications) = try await publishedCampaign(db, applicants: 3)
            let principal = try await p.fixture.principalCaller()
            let draws = DrawService(database: db, clock: p.fixture.clock.function)
            var byID: [AdmissionApplicationID: AdmissionApplication] = [:]
            for application in applications { byID[application.id] = try await current(p, application) }
            let admittedIDs = byID.values.filter { $0.outcome == .admitted }.map(\.id).sorted { $0.description < $1.description }
            let waitingID = try #require(byID.values.first { $0.outcome == .waitlisted }?.id)
            #expect(admittedIDs.count == 2 && !admittedIDs.contains(waitingID))
            try await draws.correct(admittedIDs[0], to: .notConsidered, reason: "Sai tuyến", by: principal)
            #expect(try await current(p, byID[waitingID]!).outcome == .admitted, "the freed place goes to the waitlist at once")
            p.fixture.clock.advance(p.campaign.windows.confirmBy.timeIntervalSince(p.fixture.clock.now) + 86_400)
            try await ConfirmationService(database: db, clock: p.fixture.clock.function).releaseExpired(p.campaign.id)
            #expect(try await current(p, byID[admittedIDs[1]]!).confirmation == .released)
            try await draws.correct(admittedIDs[1], to: .admitted, reason: "Gia đình đã liên hệ trước hạn", by: principal)
            let readmitted = try await current(p, byID[admittedIDs[1]]!)
            #expect(readmitted.confirmation == nil)
            #expect((readmitted.confirmUntil ?? .distantPast) > p.fixture.clock.now)
            try await draws.correct(admittedIDs[0], to: .waitlisted, reason: "Xếp lại vào danh sách chờ", by: principal)
            #expect(try await current(p, byID[admittedIDs[0]]!).waitlistPosition != nil)
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
