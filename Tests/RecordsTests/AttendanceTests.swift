import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The homeroom teacher's monthly attendance: absent days marked có phép or không phép, totals by month, term and
/// year, days that cannot be marked refused, a stale save refused, and the principal's overview.
@Suite struct AttendanceTests {
    /// Today in the fixture's clock is 18/11/2026; October 2026 starts on a Thursday.
    static let october = SchoolMonth(year: 2026, month: 10)!
    static let november = SchoolMonth(year: 2026, month: 11)!

    struct Class {
        let world: RegisterWorld
        let schoolClass: SchoolClass
        let teacher: Caller
        let pupils: [StudentID]
        var service: AttendanceService { AttendanceService(database: world.fixture.db, clock: world.fixture.clock.function) }
    }

    static func class3A(on db: any Database) async throws -> Class {
        let world = try await RegisterWorld.make(on: db)
        let account = try await world.fixture.staff("gvcn.3a", "Phạm Thị Dung", roles: [.teacher])
        let schoolClass = try await world.makeClass("3A", grade: 3, teacher: account.id)
        _ = try await world.makeClass("3B", grade: 3)
        let admitted = try await world.register.admit(
            [
                RegisterWorld.pupil("Nguyễn Thị Ánh", born: (5, 3, 2017), sex: .female, in: schoolClass),
                RegisterWorld.pupil(
                    "Y Kŏ Êban", name: PersonName(family: "Êban", middle: "Kŏ", given: "Y", familyLast: true), born: (1, 2, 2017),
                    sex: .male, in: schoolClass),
            ], into: world.year.id, by: world.clerk)
        return Class(
            world: world, schoolClass: schoolClass, teacher: try await world.fixture.caller(account),
            pupils: admitted.map(\.entry.studentID))
    }

    @Test func theHomeroomTeacherMarksAMonthAndTheTotalsAddUp() async throws {
        try await TestDatabase.withFresh { db in
            let c = try await Self.class3A(on: db)
            let grid = try await c.service.grid(class: c.schoolClass.id, month: Self.october, by: c.teacher)
            #expect(grid.days.count == 22, "Monday to Friday of October 2026")
            #expect(!grid.days.map(\.day).contains(3) && !grid.days.map(\.day).contains(4))
            #expect(grid.version == 0 && grid.updatedBy == nil)
            let (anh, ko) = (c.pupils[0], c.pupils[1])
            let version = try await c.service.save(
                class: c.schoolClass.id, month: Self.october, marks: [anh: [5: .excused, 6: .unexcused], ko: [7: .unexcused]], version: 0,
                by: c.teacher)
            #expect(version == 1)
            let saved = try await c.service.grid(class: c.schoolClass.id, month: Self.october, by: c.world.principal)
            let lines = Dictionary(uniqueKeysWithValues: saved.lines.map { ($0.studentID, $0) })
            #expect(lines[anh]?.marks == [5: .excused, 6: .unexcused])
            #expect(lines[anh]?.month == AbsenceCount(excused: 1, unexcused: 1))
            #expect(saved.updatedBy == "Phạm Thị Dung")
            // November adds to the term and the year, not to October.
            try await c.service.save(class: c.schoolClass.id, month: Self.november, marks: [anh: [2: .excused]], version: 0, by: c.teacher)
            let november = try await c.service.grid(class: c.schoolClass.id, month: Self.november, by: c.teacher)
            let line = try #require(november.lines.first { $0.studentID == anh })
            #expect(line.month.total == 1 && line.term.total == 3 && line.year.total == 3 && line.term.excused == 2)
            #expect(november.termName == "học kì I")
            // Saving October again replaces its marks.
            try await c.service.save(class: c.schoolClass.id, month: Self.october, marks: [ko: [8: .excused]], version: 1, by: c.teacher)
            let again = try await c.service.grid(class: c.schoolClass.id, month: Self.october, by: c.teacher)
            #expect(again.lines.first { $0.studentID == anh }?.marks == [:])
            #expect(again.lines.first { $0.studentID == ko }?.marks == [8: .excused])
            let actions = try await c.world.fixture.audit.entries(.init(), by: c.world.principal).map(\.event.action)
            #expect(actions.filter { $0 == "attendance.month" }.count == 3)
        }
    }

    @Test func daysThatCannotBeMarkedAndAStaleSaveAreRefused() async throws {
        try await TestDatabase.withFresh { db in
            let c = try await Self.class3A(on: db)
            let anh = c.pupils[0]
            func refusal(_ marks: [StudentID: [Int: AbsenceKind]], month: SchoolMonth, version: Int = 0, by caller: Caller? = nil)
                async throws
                -> [String: String]
            {
                do {
                    try await c.service.save(class: c.schoolClass.id, month: month, marks: marks, version: version, by: caller ?? c.teacher)
                    return [:]
                } catch let problems as FieldProblems {
                    return problems.byField
                }
            }
            #expect(
                try await refusal([anh: [3: .excused]], month: Self.october) == [
                    "m-\(anh)-3": "Nguyễn Thị Ánh: không đánh dấu được ngày 3/10."
                ])
            #expect(try await refusal([anh: [25: .excused]], month: Self.november).keys.contains("m-\(anh)-25"), "a day still to come")
            try await c.service.save(class: c.schoolClass.id, month: Self.october, marks: [anh: [5: .excused]], version: 0, by: c.teacher)
            let stale = try await refusal([anh: [6: .excused]], month: Self.october, version: 0)
            #expect(stale["version"]?.hasPrefix("Tháng 10/2026 của lớp 3A vừa được Phạm Thị Dung cập nhật") == true)
            let other = try await c.world.fixture.caller(try await c.world.fixture.staff("gv.khac", "Lê Văn Tám", roles: [.teacher]))
            await #expect(throws: RecordsError.self) {
                try await c.service.save(class: c.schoolClass.id, month: Self.october, marks: [:], version: 1, by: other)
            }
            // A pupil who left on 12/10 cannot be marked from that day.
            try await MovementService(database: db, clock: c.world.fixture.clock.function).leave(
                c.pupils[1], Departure(kind: .dropOut, date: SchoolDate(year: 2026, month: 10, day: 12), reason: "Theo gia đình"),
                by: c.world.clerk)
            let grid = try await c.service.grid(class: c.schoolClass.id, month: Self.october, by: c.teacher)
            let ko = try #require(grid.lines.first { $0.studentID == c.pupils[1] })
            #expect(ko.open.contains(9) && !ko.open.contains(12) && ko.note == "Thôi học từ 12/10/2026")
            #expect(try await refusal([c.pupils[1]: [13: .unexcused]], month: Self.october, version: 1).count == 1)
            await #expect(throws: FieldProblems.self) {
                try await c.service.grid(class: c.schoolClass.id, month: SchoolMonth(year: 2026, month: 7)!, by: c.teacher)
            }
        }
    }

    @Test func thePrincipalSeesWhichClassesHaveRecordedTheMonth() async throws {
        try await TestDatabase.withFresh { db in
            let c = try await Self.class3A(on: db)
            try await c.service.save(
                class: c.schoolClass.id, month: Self.october, marks: [c.pupils[0]: [5: .excused, 6: .unexcused]], version: 0, by: c.teacher)
            let overview = try await c.service.overview(month: Self.october, by: c.world.principal)
            #expect(overview.map(\.className) == ["3A", "3B"])
            #expect(overview.map { $0.updatedAt != nil } == [true, false])
            #expect(overview[0].absences.total == 2 && overview[0].homeroomTeacher == "Phạm Thị Dung")
            await #expect(throws: RecordsError.self) { try await c.service.overview(month: Self.october, by: c.teacher) }
        }
    }
}
