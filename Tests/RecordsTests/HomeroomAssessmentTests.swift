import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The homeroom teacher's qualities, competencies and comment: the rulebook's fifteen items, its T/Đ/C scale, the
/// same windows and locks as the subjects; no other teacher writes them.
@Suite struct HomeroomAssessmentTests {
    @Test func theHomeroomTeacherEntersTheFifteenItemsAndDoneLocksThem() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let homeroomAccount = try await world.fixture.staff("gvcn.4a", "Phan Thị Hạnh", roles: [.teacher])
            let other = try await world.fixture.caller(try await world.fixture.staff("gvcn.4b", "Đinh Văn Lực", roles: [.teacher]))
            let class4A = try await world.makeClass("4A", grade: 4, teacher: homeroomAccount.id)
            let admitted = try await world.register.admit(
                [RegisterWorld.pupil("Nguyễn Thị Ánh", born: (5, 3, 2017), sex: .female, in: class4A)], into: world.year.id, by: world.clerk
            )
            let pupil = admitted[0].entry.studentID
            let homeroom = try await world.fixture.caller(homeroomAccount)
            let service = AssessmentService(database: db, clock: world.fixture.clock.function)
            let today = SchoolDate(world.fixture.clock.now)
            try await service.setWindow(
                year: world.year.id, grade: 4, checkpoint: .midTerm1, opensOn: today, closesOn: today.adding(days: 5), by: world.principal)
            let empty = try await service.homeroomGrid(class: class4A.id, checkpoint: .midTerm1, by: homeroom)
            #expect(empty.items.count == 15 && empty.isOpen)
            #expect(empty.items.first?.name == "Yêu nước" && empty.items.last?.name == "Thể chất")
            var levels: [String: String?] = [:]
            for item in empty.items { levels[item.key] = "T" }
            levels["homeroom:q:Trung thực"] = "Đ"
            let saved = try await service.saveHomeroom(
                class: class4A.id, checkpoint: .midTerm1,
                entries: [HomeroomEntry(studentID: pupil, levels: levels, comment: "Em chăm chỉ, lễ phép.")], by: homeroom)
            #expect(saved.lines[0].levels.count == 15 && saved.lines[0].levels["homeroom:q:Trung thực"] == "Đ")
            #expect(saved.lines[0].comment == "Em chăm chỉ, lễ phép.")
            #expect(
                saved == (try await service.homeroomGrid(class: class4A.id, checkpoint: .midTerm1, by: homeroom)),
                "the grid a save returns is the book")
            // The subjects' scale is not this one; another class's teacher cannot write.
            do {
                try await service.saveHomeroom(
                    class: class4A.id, checkpoint: .midTerm1,
                    entries: [HomeroomEntry(studentID: pupil, levels: ["homeroom:q:Nhân ái": "H"])],
                    by: homeroom)
                Issue.record("H was taken for a quality")
            } catch let problems as FieldProblems {
                #expect(problems.list.map(\.message) == ["Nguyễn Thị Ánh: mức “H” không có; ghi T, Đ, C."])
            }
            await #expect(throws: RecordsError.forbidden) {
                try await service.saveHomeroom(class: class4A.id, checkpoint: .midTerm1, entries: [], by: other)
            }
            // One item changed alone leaves the rest, the comment included.
            let one = try await service.saveHomeroom(
                class: class4A.id, checkpoint: .midTerm1, entries: [HomeroomEntry(studentID: pupil, levels: ["homeroom:c:Thể chất": "Đ"])],
                by: homeroom)
            #expect(one.lines[0].levels["homeroom:c:Thể chất"] == "Đ" && one.lines[0].comment == "Em chăm chỉ, lễ phép.")
            #expect(one.lines[0].levels.count == 15)
            try await service.markHomeroomDone(class: class4A.id, checkpoint: .midTerm1, by: homeroom)
            await #expect(throws: FieldProblems.self) {
                try await service.saveHomeroom(
                    class: class4A.id, checkpoint: .midTerm1,
                    entries: [HomeroomEntry(studentID: pupil, levels: ["homeroom:q:Nhân ái": "Đ"])],
                    by: homeroom)
            }
            let locked = try await service.homeroomGrid(class: class4A.id, checkpoint: .midTerm1, by: world.principal)
            #expect(!locked.isOpen && locked.lockedBy == "Phan Thị Hạnh" && locked.lines[0].levels["homeroom:q:Nhân ái"] == "T")
            let actions = try await world.fixture.audit.entries(.init(entity: "assessment"), by: world.principal).map(\.event.action)
            #expect(actions.contains("assessment.homeroom") && actions.contains("assessment.done"))
        }
    }
}
