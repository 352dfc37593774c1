import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The subject teacher's entry in the assessment book: only inside the principal's window, only for the class and
/// subject assigned, checked against the rulebook, locked once done — all enforced by the service.
@Suite struct AssessmentEntryTests {
    struct World {
        let world: RegisterWorld
        let service: AssessmentService
        let english: Caller
        let class4A: SchoolClass
        let subject: Subject
        let math: Subject
        let pupils: [StudentID]
    }

    static func make(on db: any Database) async throws -> World {
        let world = try await RegisterWorld.make(on: db)
        let class4A = try await world.makeClass("4A", grade: 4)
        let admitted = try await world.register.admit(
            [
                RegisterWorld.pupil("Nguyễn Thị Ánh", born: (5, 3, 2017), sex: .female, in: class4A),
                RegisterWorld.pupil("Lê Văn Bình", born: (6, 4, 2017), sex: .male, in: class4A),
            ], into: world.year.id, by: world.clerk)
        let subjects = try await world.fixture.subjects.list(grade: 4, by: world.principal)
        let english = try #require(subjects.first { $0.code == "NN1" })
        let math = try #require(subjects.first { $0.code == "TOAN" })
        let teacher = try await world.fixture.staff("gvbm.tienganh", "Hoàng Văn Nam", roles: [.teacher])
        _ = try await world.fixture.teaching.assign(teacher: teacher.id, subject: english.id, classes: [class4A.id], by: world.principal)
        return World(
            world: world, service: AssessmentService(database: db, clock: world.fixture.clock.function),
            english: try await world.fixture.caller(teacher), class4A: class4A, subject: english, math: math,
            pupils: admitted.map(\.entry.studentID))
    }

    /// The world with CK1 of grade 4 open from today for three days.
    static func makeOpen(on db: any Database) async throws -> World {
        let w = try await make(on: db)
        let today = SchoolDate(w.world.fixture.clock.now)
        try await w.service.setWindow(
            year: w.world.year.id, grade: 4, checkpoint: .endTerm1, opensOn: today, closesOn: today.adding(days: 3), by: w.world.principal)
        return w
    }

    @Test func theTeacherEntersInsideTheWindowWhatTheRulebookAllowsAndDoneLocksIt() async throws {
        try await TestDatabase.withFresh { db in
            let w = try await Self.make(on: db)
            let today = SchoolDate(w.world.fixture.clock.now)
            let entries = [
                SubjectEntry(studentID: w.pupils[0], level: "T", score: 9, comment: "Em đọc to, rõ ràng."),
                SubjectEntry(studentID: w.pupils[1], level: "H", score: 6),
            ]
            // No window yet: refused.
            await #expect(throws: FieldProblems.self) {
                try await w.service.saveSubject(
                    class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1, entries: entries, by: w.english)
            }
            // Only the principal opens it.
            await #expect(throws: RecordsError.forbidden) {
                try await w.service.setWindow(
                    year: w.world.year.id, grade: 4, checkpoint: .endTerm1, opensOn: today, closesOn: today.adding(days: 7), by: w.english)
            }
            try await w.service.setWindow(
                year: w.world.year.id, grade: 4, checkpoint: .endTerm1, opensOn: today.adding(days: -1), closesOn: today.adding(days: 7),
                by: w.world.principal)
            let grid = try await w.service.saveSubject(
                class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1, entries: entries, by: w.english)
            #expect(grid.testDue && grid.isOpen)
            #expect(grid.lines.map(\.level) == ["T", "H"] && grid.lines.map(\.score) == [9, 6])
            #expect(grid.lines[0].comment == "Em đọc to, rõ ràng.")
            #expect(grid.rulebook.id == "tt27-2020")

            // The rulebook's checks: no score where no test is due (GK1 has none for Ngoại ngữ 1), no 11, no "Đ".
            try await w.service.setWindow(
                year: w.world.year.id, grade: 4, checkpoint: .midTerm1, opensOn: today.adding(days: -1), closesOn: today,
                by: w.world.principal)
            do {
                try await w.service.saveSubject(
                    class: w.class4A.id, subject: w.subject.id, checkpoint: .midTerm1,
                    entries: [SubjectEntry(studentID: w.pupils[0], level: "T", score: 8)], by: w.english)
                Issue.record("a score where no test is due was saved")
            } catch let problems as FieldProblems {
                #expect(problems.list.map(\.message) == ["Nguyễn Thị Ánh: môn Ngoại ngữ 1 không có bài kiểm tra GK1 ở khối 4."])
            }
            do {
                try await w.service.saveSubject(
                    class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1,
                    entries: [SubjectEntry(studentID: w.pupils[0], level: "Đ", score: 11)], by: w.english)
                Issue.record("a bad level and score were saved")
            } catch let problems as FieldProblems {
                #expect(
                    problems.list.map(\.message) == [
                        "Nguyễn Thị Ánh: mức “Đ” không có; ghi T, H, C.", "Nguyễn Thị Ánh: điểm 11 không hợp lệ (số nguyên 0–10).",
                    ])
            }
            // Not another subject of the class.
            await #expect(throws: RecordsError.forbidden) {
                try await w.service.saveSubject(
                    class: w.class4A.id, subject: w.math.id, checkpoint: .endTerm1, entries: entries, by: w.english)
            }

            // Done locks it, in the service.
            try await w.service.markSubjectDone(class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1, by: w.english)
            let locked = try await w.service.subjectGrid(class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1, by: w.english)
            #expect(!locked.isOpen && locked.lockedBy == "Hoàng Văn Nam")
            do {
                try await w.service.saveSubject(
                    class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1,
                    entries: [SubjectEntry(studentID: w.pupils[1], level: "T", score: 7)], by: w.english)
                Issue.record("a locked grid was changed")
            } catch let problems as FieldProblems {
                #expect(problems.list.first?.message.contains("đã hoàn thành và khoá") == true)
            }
            let stored = try await w.service.subjectGrid(
                class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1, by: w.world.principal)
            #expect(stored.lines.map(\.score) == [9, 6], "nothing changed behind the lock")

            // Every change is in the audit log with its before and after.
            let events = try await w.world.fixture.audit.entries(.init(entity: "assessment"), by: w.world.principal)
            let entry = try #require(events.first { $0.event.action == "assessment.subject" })
            #expect(entry.event.summary == "Nhập Ngoại ngữ 1 CK1 lớp 4A: 2 học sinh")
            #expect(entry.event.after?.contains("T | 9 | Em đọc to, rõ ràng.") == true)
            #expect(events.contains { $0.event.action == "assessment.done" })
            #expect(try await w.world.fixture.audit.verify() == .intact(entries: try await w.world.auditCount()))
        }
    }

    @Test func theWindowsEndClosesEntry() async throws {
        try await TestDatabase.withFresh { db in
            let w = try await Self.make(on: db)
            let today = SchoolDate(w.world.fixture.clock.now)
            try await w.service.setWindow(
                year: w.world.year.id, grade: 4, checkpoint: .endTerm1, opensOn: today.adding(days: -7), closesOn: today.adding(days: -1),
                by: w.world.principal)
            do {
                try await w.service.saveSubject(
                    class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1,
                    entries: [SubjectEntry(studentID: w.pupils[0], level: "T", score: 9)], by: w.english)
                Issue.record("saved after the window closed")
            } catch let problems as FieldProblems {
                #expect(problems.byField["window"] != nil)
            }
            await #expect(throws: FieldProblems.self) {
                try await w.service.setWindow(
                    year: w.world.year.id, grade: 4, checkpoint: .endTerm1, opensOn: today, closesOn: today.adding(days: -1),
                    by: w.world.principal)
            }
            let windows = try await w.service.windows(year: w.world.year.id, by: w.world.principal)
            #expect(windows.map(\.checkpoint) == [.endTerm1] && windows[0].closesOn == today.adding(days: -1))
        }
    }
}

/// Changing a locked grid: a request with a reason, the principal's approval, one change window closed by "done",
/// then the lock again.
@Suite struct AssessmentUnlockTests {
    @Test func anApprovedUnlockAllowsExactlyOneChangeWindow() async throws {
        try await TestDatabase.withFresh { db in
            let w = try await AssessmentEntryTests.makeOpen(on: db)
            let grid = (class: w.class4A.id, subject: w.subject.id)
            try await w.service.saveSubject(
                class: grid.class, subject: grid.subject, checkpoint: .endTerm1,
                entries: [SubjectEntry(studentID: w.pupils[0], level: "H", score: 6)], by: w.english)
            // An open grid needs no unlock.
            await #expect(throws: FieldProblems.self) {
                try await w.service.requestUnlock(
                    class: grid.class, subject: grid.subject, checkpoint: .endTerm1, reason: "Sai điểm", by: w.english)
            }
            try await w.service.markSubjectDone(class: grid.class, subject: grid.subject, checkpoint: .endTerm1, by: w.english)
            await #expect(throws: FieldProblems.self) {
                try await w.service.requestUnlock(
                    class: grid.class, subject: grid.subject, checkpoint: .endTerm1, reason: " ", by: w.english)
            }
            let request = try await w.service.requestUnlock(
                class: grid.class, subject: grid.subject, checkpoint: .endTerm1, reason: "Nhập nhầm điểm của em Ánh (8, không phải 6)",
                by: w.english)
            #expect(request.status == .pending && request.subjectName == "Ngoại ngữ 1" && request.className == "4A")
            #expect(try await w.service.pendingUnlocks(by: w.world.principal).map(\.id) == [request.id])
            // Pending is not approved; the teacher cannot approve.
            await #expect(throws: FieldProblems.self) {
                try await w.service.saveSubject(
                    class: grid.class, subject: grid.subject, checkpoint: .endTerm1,
                    entries: [SubjectEntry(studentID: w.pupils[0], level: "H", score: 8)], by: w.english)
            }
            await #expect(throws: RecordsError.forbidden) { try await w.service.decideUnlock(request.id, approve: true, by: w.english) }
            try await w.service.decideUnlock(request.id, approve: true, by: w.world.principal)
            let opened = try await w.service.subjectGrid(class: grid.class, subject: grid.subject, checkpoint: .endTerm1, by: w.english)
            #expect(opened.isOpen && opened.unlocked)
            try await w.service.saveSubject(
                class: grid.class, subject: grid.subject, checkpoint: .endTerm1,
                entries: [SubjectEntry(studentID: w.pupils[0], level: "H", score: 8)], by: w.english)
            // The change window stays open while the teacher types (each keystroke's save is one save)...
            try await w.service.saveSubject(
                class: grid.class, subject: grid.subject, checkpoint: .endTerm1,
                entries: [SubjectEntry(studentID: w.pupils[0], level: "H", score: 8, comment: "Em tiến bộ.")], by: w.english)
            // ...until the teacher marks the grid done again.
            try await w.service.markSubjectDone(class: grid.class, subject: grid.subject, checkpoint: .endTerm1, by: w.english)
            let relocked = try await w.service.subjectGrid(class: grid.class, subject: grid.subject, checkpoint: .endTerm1, by: w.english)
            #expect(!relocked.isOpen && !relocked.unlocked && relocked.lines[0].score == 8 && relocked.lines[0].comment == "Em tiến bộ.")
            // Exactly one change window: the next save is refused again.
            await #expect(throws: FieldProblems.self) {
                try await w.service.saveSubject(
                    class: grid.class, subject: grid.subject, checkpoint: .endTerm1,
                    entries: [SubjectEntry(studentID: w.pupils[0], level: "T", score: 10)], by: w.english)
            }
            // A refusal needs its reason, and leaves the lock.
            let second = try await w.service.requestUnlock(
                class: grid.class, subject: grid.subject, checkpoint: .endTerm1, reason: "Muốn sửa nhận xét", by: w.english)
            await #expect(throws: FieldProblems.self) { try await w.service.decideUnlock(second.id, approve: false, by: w.world.principal) }
            let refused = try await w.service.decideUnlock(second.id, approve: false, note: "Nhận xét đã đúng", by: w.world.principal)
            #expect(refused.status == .refused)
            #expect(
                !(try await w.service.subjectGrid(class: grid.class, subject: grid.subject, checkpoint: .endTerm1, by: w.english)).isOpen)
            let actions = try await w.world.fixture.audit.entries(.init(entity: "assessment"), by: w.world.principal).map(\.event.action)
            #expect(
                actions.contains("assessment.unlock.approve") && actions.contains("assessment.unlock.used")
                    && actions.contains("assessment.unlock.refuse"))
        }
    }
}

/// Two devices on one grid: a save typed on an older version of a pupil's line does not overwrite what the other
/// device saved since; the other pupils of the same save are written.
@Suite struct AssessmentConflictTests {
    @Test func aSaveTypedOnAnOlderLineIsReportedNotWritten() async throws {
        try await TestDatabase.withFresh { db in
            let w = try await AssessmentEntryTests.makeOpen(on: db)
            let opened = try await w.service.subjectGrid(class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1, by: w.english)
            #expect(opened.lines.map(\.version) == [0, 0])
            // The phone saves Ánh's line first.
            w.world.fixture.clock.advance(5)
            let phone = try await w.service.saveSubject(
                class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1,
                entries: [SubjectEntry(studentID: w.pupils[0], level: "T", score: 9, base: 0)], by: w.english)
            #expect(phone.conflicts.isEmpty && phone.lines[0].version > 0 && phone.lines[0].updatedBy == "Hoàng Văn Nam")
            // The laptop, still on version 0, sends Ánh and Bình: Bình is written, Ánh is reported.
            w.world.fixture.clock.advance(5)
            let laptop = try await w.service.saveSubject(
                class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1,
                entries: [
                    SubjectEntry(studentID: w.pupils[0], level: "H", score: 6, base: 0),
                    SubjectEntry(studentID: w.pupils[1], level: "H", score: 7, base: 0),
                ], by: w.english)
            #expect(laptop.conflicts == [w.pupils[0]])
            #expect(laptop.lines[0].level == "T" && laptop.lines[0].score == 9)
            #expect(laptop.lines[1].level == "H" && laptop.lines[1].score == 7)
            // Sending the same values as stored is no conflict; typed on the new version, the laptop's value wins.
            let same = try await w.service.saveSubject(
                class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1,
                entries: [SubjectEntry(studentID: w.pupils[0], level: "T", score: 9, base: 0)], by: w.english)
            #expect(same.conflicts.isEmpty)
            let kept = try await w.service.saveSubject(
                class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1,
                entries: [SubjectEntry(studentID: w.pupils[0], level: "H", score: 6, base: laptop.lines[0].version)], by: w.english)
            #expect(kept.conflicts.isEmpty && kept.lines[0].score == 6)
        }
    }

    @Test func storageMillisReadsWhatStorageWrites() {
        for seconds in [0.0, 1_764_000_000.125, 1_900_000_000.5, 951_782_400.75] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamps.storageMillis(Timestamps.storage(date)) == Int((seconds * 1000).rounded(.down)))
        }
        #expect(Timestamps.storageMillis("2026-12-04") == nil)
        #expect(Timestamps.storageMillis("2026-12-04T10:00:00.0x0Z") == nil)
    }
}
