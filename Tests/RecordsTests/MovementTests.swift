import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// Class changes, transfers out, dropping out and coming back: dated, attributed, audited, and a leaver still on the
/// year's rosters, marked.
@Suite struct MovementTests {
    static func day(_ d: Int, _ m: Int, _ y: Int) -> SchoolDate { SchoolDate(year: y, month: m, day: d)! }

    @Test func aPupilChangesClassAndBothRostersSayWhen() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class3A = try await world.makeClass("3A", grade: 3)
            let class3B = try await world.makeClass("3B", grade: 3)
            let admitted = try await world.register.admit(
                [RegisterWorld.pupil("Nguyễn Thị Ánh", born: (5, 3, 2017), sex: .female, in: class3A)], into: world.year.id,
                by: world.clerk)
            let thiAnh = admitted[0].entry.studentID
            let movements = MovementService(database: db, clock: world.fixture.clock.function)
            await #expect(throws: FieldProblems.self) {
                try await movements.changeClass(thiAnh, to: class3B.id, on: Self.day(1, 8, 2026), reason: "", by: world.clerk)
            }
            await #expect(throws: FieldProblems.self) {
                try await movements.changeClass(thiAnh, to: class3A.id, on: Self.day(1, 10, 2026), reason: "", by: world.clerk)
            }
            try await movements.changeClass(
                thiAnh, to: class3B.id, on: Self.day(1, 10, 2026), reason: "Gia đình chuyển nhà", by: world.clerk)
            let old = try await world.rosters.roster(class: class3A.id, by: world.principal)
            #expect(old.lines.map(\.note) == ["Chuyển sang lớp 3B từ 01/10/2026"])
            #expect(old.lines.map(\.attending) == [false])
            let new = try await world.rosters.roster(class: class3B.id, by: world.principal)
            #expect(new.lines.map(\.attending) == [true])
            let history = try await movements.history(of: thiAnh, by: world.principal)
            #expect(history.map(\.summary) == ["01/10/2026: chuyển từ lớp 3A sang lớp 3B"])
            #expect(history.first?.recordedBy == "Trần Thị Lan")
            let standing = try await movements.standing(of: thiAnh, by: world.clerk)
            #expect(standing?.className == "3B" && standing?.leftOn == nil)
            let actions = try await world.fixture.audit.entries(.init(), by: world.principal).map(\.event.action)
            #expect(actions.contains("pupil.classChange"))
        }
    }

    @Test func aTransferOutIsThePrincipalsAndTheLeaverStaysOnTheRoster() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class2A = try await world.makeClass("2A", grade: 2, capacity: 2)
            let admitted = try await world.register.admit(
                [
                    RegisterWorld.pupil("Lê Văn Anh", born: (12, 1, 2018), sex: .male, in: class2A),
                    RegisterWorld.pupil("Đỗ Thị Hoa", born: (13, 2, 2018), sex: .female, in: class2A),
                ], into: world.year.id, by: world.clerk)
            let anh = admitted[0].entry.studentID
            let movements = MovementService(database: db, clock: world.fixture.clock.function)
            let move = Departure(
                kind: .transferOut, date: Self.day(12, 1, 2027), otherSchool: "Trường Tiểu học Kim Đồng", reason: "Đơn của gia đình")
            await #expect(throws: RecordsError.self) { try await movements.leave(anh, move, by: world.clerk) }
            do {
                try await movements.leave(anh, Departure(kind: .transferOut, date: Self.day(12, 1, 2027)), by: world.principal)
                Issue.record("a transfer without the receiving school was recorded")
            } catch let problems as FieldProblems {
                #expect(problems.byField["otherSchool"] == "Vui lòng nhập trường học sinh chuyển đến.")
            }
            try await movements.leave(anh, move, by: world.principal)
            let roster = try await world.rosters.roster(class: class2A.id, by: world.principal)
            #expect(roster.lines.map(\.name.full) == ["Lê Văn Anh", "Đỗ Thị Hoa"], "the leaver keeps his line")
            #expect(roster.lines.map(\.note) == ["Chuyển trường từ 12/01/2027", ""])
            await #expect(throws: FieldProblems.self) {
                try await movements.changeClass(anh, to: class2A.id, on: Self.day(13, 1, 2027), reason: "", by: world.clerk)
            }
            // His place is free again: the class of two takes a new pupil.
            try await world.register.admit(
                [RegisterWorld.pupil("Trần Văn Cường", born: (3, 3, 2018), sex: .male, in: class2A)], into: world.year.id, by: world.clerk)
            let history = try await movements.history(of: anh, by: world.principal)
            #expect(history.map(\.summary) == ["12/01/2027: chuyển đến Trường Tiểu học Kim Đồng"])
        }
    }

    @Test func aPupilWhoDroppedOutComesBack() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class4A = try await world.makeClass("4A", grade: 4)
            let admitted = try await world.register.admit(
                [RegisterWorld.pupil("Y Kŏ Êban", born: (1, 2, 2017), sex: .male, in: class4A)], into: world.year.id, by: world.clerk)
            let ko = admitted[0].entry.studentID
            let movements = MovementService(database: db, clock: world.fixture.clock.function)
            await #expect(throws: FieldProblems.self) {
                try await movements.leave(ko, Departure(kind: .dropOut, date: Self.day(2, 11, 2026)), by: world.clerk)
            }
            try await movements.leave(
                ko, Departure(kind: .dropOut, date: Self.day(2, 11, 2026), reason: "Theo gia đình lên nương"), by: world.clerk)
            #expect(try await world.rosters.roster(class: class4A.id, by: world.principal).lines.map(\.attending) == [false])
            await #expect(throws: FieldProblems.self) { try await movements.returnToSchool(ko, on: Self.day(1, 11, 2026), by: world.clerk) }
            try await movements.returnToSchool(ko, on: Self.day(16, 11, 2026), by: world.clerk)
            let roster = try await world.rosters.roster(class: class4A.id, by: world.principal)
            #expect(roster.lines.map(\.attending) == [true] && roster.lines.map(\.note) == [""])
            let history = try await movements.history(of: ko, by: world.principal).map(\.summary)
            #expect(history == ["02/11/2026: thôi học (lớp 4A)", "16/11/2026: trở lại học, lớp 4A"])
            await #expect(throws: FieldProblems.self) {
                try await movements.returnToSchool(ko, on: Self.day(17, 11, 2026), by: world.clerk)
            }
        }
    }
}
