import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The year's roll-over: repeaters marked by the homeroom teacher, a preview that names what is missing, one
/// transaction that moves everyone, a second run that changes nothing, and an undo until the new year starts.
@Suite struct RollOverTests {
    struct School {
        let world: RegisterWorld
        let teacher3A: Caller
        let teacher3B: Caller
        let class3A: SchoolClass
        let pupils: [StudentID]
        let next: SchoolYear
        var service: RollOverService { RollOverService(database: world.fixture.db, clock: world.fixture.clock.function) }
    }

    /// 3A with Ánh, Hoa and Khang (who dropped out), an empty 3B, 5A with Bình; the year 2027-2028 without classes.
    static func school(on db: any Database) async throws -> School {
        let world = try await RegisterWorld.make(on: db)
        let account3A = try await world.fixture.staff("gvcn.3a", "Phạm Thị Dung", roles: [.teacher])
        let account3B = try await world.fixture.staff("gvcn.3b", "Lê Văn Tâm", roles: [.teacher])
        let class3A = try await world.makeClass("3A", grade: 3, teacher: account3A.id)
        _ = try await world.makeClass("3B", grade: 3, teacher: account3B.id)
        let class5A = try await world.makeClass("5A", grade: 5)
        let admitted = try await world.register.admit(
            [
                RegisterWorld.pupil("Nguyễn Thị Ánh", born: (5, 3, 2017), sex: .female, in: class3A),
                RegisterWorld.pupil("Đỗ Thị Hoa", born: (6, 4, 2017), sex: .female, in: class3A),
                RegisterWorld.pupil("Trần Minh Khang", born: (7, 5, 2017), sex: .male, in: class3A),
                RegisterWorld.pupil("Lê Văn Bình", born: (8, 6, 2015), sex: .male, in: class5A),
            ], into: world.year.id, by: world.clerk)
        let ids = admitted.map(\.entry.studentID)
        try await MovementService(database: db, clock: world.fixture.clock.function).leave(
            ids[2], Departure(kind: .dropOut, date: SchoolDate(year: 2027, month: 1, day: 4), reason: "Gia đình chuyển đi làm ăn xa"),
            by: world.clerk)
        let next = try await world.fixture.school.createYear(startYear: 2027, dates: nil, by: world.principal)
        return School(
            world: world, teacher3A: try await world.fixture.caller(account3A), teacher3B: try await world.fixture.caller(account3B),
            class3A: class3A, pupils: ids, next: next)
    }

    @Test func everyoneMovesOnceAndTheUndoRemovesExactlyThat() async throws {
        try await TestDatabase.withFresh { db in
            let school = try await Self.school(on: db)
            let service = school.service
            await #expect(throws: RecordsError.self) {
                try await service.setRepeaters([school.pupils[1]], in: school.class3A.id, by: school.teacher3B)
            }
            try await service.setRepeaters([school.pupils[1]], in: school.class3A.id, by: school.teacher3A)
            #expect(
                try await service.promotion(of: school.class3A.id, by: school.teacher3A).filter(\.repeats).map(\.name.full) == [
                    "Đỗ Thị Hoa"
                ])

            var plan = try await service.plan(to: school.next.id, by: school.world.principal)
            #expect(plan.problems.count == 2, "no 4A and no 3A in the new year: \(plan.problems)")
            await #expect(throws: FieldProblems.self) { try await service.apply(to: school.next.id, by: school.world.principal) }
            #expect(try await rowCount("rollovers", on: db) == 0)

            #expect(try await service.copyClasses(to: school.next.id, by: school.world.principal) == 3)
            #expect(try await service.copyClasses(to: school.next.id, by: school.world.principal) == 0)
            let class4A = try await school.world.fixture.classes.create(
                ClassDraft(name: "4A", grade: 4, capacity: 35), year: school.next.id, by: school.world.principal)
            plan = try await service.plan(to: school.next.id, by: school.world.principal)
            #expect(plan.problems.isEmpty)
            let line3A = try #require(plan.sources.first { $0.className == "3A" })
            #expect(
                (line3A.attending, line3A.promoted, line3A.repeating, line3A.promotedTo, line3A.repeatingTo) == (2, 1, 1, "4A", "3A"))
            #expect(plan.sources.first { $0.className == "5A" }?.completing == 1)
            #expect(plan.targets.first { $0.className == "4A" }?.joining == 1)

            await #expect(throws: RecordsError.self) { try await service.apply(to: school.next.id, by: school.world.clerk) }
            let result = try await service.apply(to: school.next.id, by: school.world.principal)
            #expect(result == RollOverResult(promoted: 1, repeating: 1, completed: 1))
            let roster4A = try await school.world.rosters.roster(class: class4A.id, by: school.world.principal)
            #expect(roster4A.lines.map(\.name.full) == ["Nguyễn Thị Ánh"])
            let history = try await MovementService(database: db, clock: school.world.fixture.clock.function)
                .history(of: school.pupils[3], by: school.world.principal)
            let yearEnd = school.world.year.dates.endsOn.display
            #expect(history.map(\.summary) == ["\(yearEnd): hoàn thành chương trình tiểu học (lớp 5A)"])
            let enrolled = try await rowCount("enrollments", on: db)

            let again = try await service.apply(to: school.next.id, by: school.world.principal)
            #expect(again == RollOverResult(promoted: 0, repeating: 0, completed: 0))
            #expect(try await rowCount("enrollments", on: db) == enrolled)
            #expect(try await rowCount("pupil_movements", on: db) == 2)
            #expect(try await rowCount("rollovers", on: db) == 1)
            #expect(try await service.plan(to: school.next.id, by: school.world.principal).isApplicable == false)

            try await service.undo(to: school.next.id, by: school.world.principal)
            #expect(try await rowCount("enrollments", on: db) == enrolled - 2)
            #expect(try await rowCount("pupil_movements", on: db) == 1, "only the dropping out is left")
            let actions = try await school.world.fixture.audit.entries(.init(), by: school.world.principal).map(\.event.action)
            #expect(actions.contains("year.rollOver") && actions.contains("year.rollOverUndo") && actions.contains("pupils.repeat"))
            guard case .intact = try await school.world.fixture.audit.verify() else {
                Issue.record("the audit chain broke")
                return
            }

            try await service.apply(to: school.next.id, by: school.world.principal)
            school.world.fixture.clock.advance(365 * 86_400)
            await #expect(throws: FieldProblems.self) { try await service.undo(to: school.next.id, by: school.world.principal) }
        }
    }
}
