import Admissions
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@Suite struct ConversionTests {
    /// A published campaign whose admitted families all confirmed, and next year's grade‑1 classes.
    static func ready(_ db: any Database, applicants: Int, classes: [String]) async throws -> (PortalFixture, [ClassID]) {
        let (p, applications) = try await publishedCampaign(db, applicants: applicants, classes: 2, placesPerClass: 35)
        let principal = try await p.fixture.principalCaller()
        for application in applications {
            let state = try await current(p, application)
            guard state.outcome == .admitted else { continue }
            let access = try await DeskService(database: db).access(state.code, by: principal)
            try await ConfirmationService(database: db, clock: p.fixture.clock.function)
                .respond(accept: true, for: access, by: .parent(code: state.code.display, address: "a"))
        }
        let year = try await SchoolService(database: db, clock: p.fixture.clock.function).createYear(
            startYear: 2027, dates: nil, by: principal)
        var ids: [ClassID] = []
        for name in classes {
            let created = try await ClassService(database: db, clock: p.fixture.clock.function)
                .create(ClassDraft(name: name, grade: 1), year: year.id, by: principal)
            ids.append(created.id)
        }
        return (p, ids)
    }

    @Test func confirmedChildrenBecomePupilsWithNumbersInBalancedClassesInOneGo() async throws {
        try await TestDatabase.withFresh { db in
            let (p, classes) = try await Self.ready(db, applicants: 5, classes: ["1A", "1B"])
            let clerk = try await p.fixture.caller(try await p.fixture.staff("vanthu", "Lê Thị Mai", roles: [.clerk]))
            let conversion = ConversionService(database: db, clock: p.fixture.clock.function)
            let candidates = try await conversion.candidates(p.campaign.id, by: clerk)
            #expect(candidates.count == 5)
            let proposal = try await conversion.propose(p.campaign.id, keepKindergartensTogether: false, by: clerk)
            #expect(Set(proposal.values) == Set(classes))
            let pupils = try await conversion.commit(p.campaign.id, assignments: proposal, by: clerk)
            #expect(pupils.map(\.entry.number) == [1, 2, 3, 4, 5])
            #expect(try await conversion.candidates(p.campaign.id, by: clerk).isEmpty)
            let roster = try await RosterService(database: db).roster(class: classes[0], by: p.fixture.principalCaller())
            #expect(roster.lines.count == proposal.values.filter { $0 == classes[0] }.count)
            await #expect(throws: FieldProblems.self, "converting twice is refused") {
                try await conversion.commit(p.campaign.id, assignments: proposal, by: clerk)
            }
        }
    }

    @Test func anErrorAnywhereRollsTheWholeConversionBack() async throws {
        try await TestDatabase.withFresh { db in
            let (p, classes) = try await Self.ready(db, applicants: 4, classes: ["1A"])
            let clerk = try await p.fixture.caller(try await p.fixture.staff("vanthu", "Lê Thị Mai", roles: [.clerk]))
            let conversion = ConversionService(database: db, clock: p.fixture.clock.function)
            var assignments = try await conversion.propose(p.campaign.id, keepKindergartensTogether: false, by: clerk)
            // The last child goes to a class of this year, not next year's: the register refuses it, so nothing is written.
            let wrong = try await ClassService(database: db, clock: p.fixture.clock.function).create(
                ClassDraft(name: "2Z", grade: 2), by: p.fixture.principalCaller())
            assignments[assignments.keys.sorted { $0.description < $1.description }.last!] = wrong.id
            await #expect(throws: (any Error).self) { try await conversion.commit(p.campaign.id, assignments: assignments, by: clerk) }
            #expect(try await conversion.candidates(p.campaign.id, by: clerk).count == 4)
            #expect(try await RosterService(database: db).roster(class: classes[0], by: p.fixture.principalCaller()).lines.isEmpty)
            let fixed = try await conversion.propose(p.campaign.id, keepKindergartensTogether: false, by: clerk)
            #expect(try await conversion.commit(p.campaign.id, assignments: fixed, by: clerk).map(\.entry.number) == [1, 2, 3, 4])
        }
    }
}
