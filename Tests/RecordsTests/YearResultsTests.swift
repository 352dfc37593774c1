import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The year-end results computed from what the book holds at CN: the reasons, the award, and a pupil with values
/// missing reported as missing.
@Suite struct YearResultsTests {
    /// Opens CN for grade 4 (once) and enters every compulsory subject of `pupil` as `value(code)` gives it (the
    /// score used where a test is due) and every quality and competency at T.
    static func fill(
        _ pupil: StudentID, in schoolClass: SchoolClass, world: RegisterWorld, service: AssessmentService,
        value: (String) -> (level: String, score: Int)
    ) async throws {
        let today = SchoolDate(world.fixture.clock.now)
        if try await service.windows(year: world.year.id, by: world.principal).isEmpty {
            try await service.setWindow(
                year: world.year.id, grade: 4, checkpoint: .endOfYear, opensOn: today, closesOn: today.adding(days: 2), by: world.principal)
        }
        let subjects = try await world.fixture.subjects.list(grade: 4, by: world.principal).filter {
            $0.status == .compulsory && $0.isActive
        }
        for subject in subjects {
            let tested = Rulebooks.tt27.hasTest(subject: subject.code, grade: 4, at: .endOfYear)
            let (level, score) = value(subject.code)
            try await service.saveSubject(
                class: schoolClass.id, subject: subject.id, checkpoint: .endOfYear,
                entries: [SubjectEntry(studentID: pupil, level: level, score: tested ? score : nil)], by: world.principal)
        }
        let homeroom = try await service.homeroomGrid(class: schoolClass.id, checkpoint: .endOfYear, by: world.principal)
        var levels: [String: String?] = [:]
        for item in homeroom.items { levels[item.key] = "T" }
        try await service.saveHomeroom(
            class: schoolClass.id, checkpoint: .endOfYear, entries: [HomeroomEntry(studentID: pupil, levels: levels)], by: world.principal)
    }

    @Test func theClassResultsComeFromTheEndOfYearValues() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class4A = try await world.makeClass("4A", grade: 4)
            let admitted = try await world.register.admit(
                [
                    RegisterWorld.pupil("Nguyễn Thị Ánh", born: (5, 3, 2017), sex: .female, in: class4A),
                    RegisterWorld.pupil("Lê Văn Bình", born: (6, 4, 2017), sex: .male, in: class4A),
                ], into: world.year.id, by: world.clerk)
            let anh = try #require(admitted.first { $0.entry.details.name.given == "Ánh" }).entry.studentID
            let service = AssessmentService(database: db, clock: world.fixture.clock.function)
            try await Self.fill(anh, in: class4A, world: world, service: service) { $0 == "AN" ? ("H", 10) : ("T", 10) }

            let results = try await service.yearResults(class: class4A.id, by: world.principal)
            let first = try #require(results.first { $0.studentID == anh })
            #expect(first.outcome.result == .completed)
            #expect(first.outcome.reasons == ["HT: Âm nhạc ở mức Hoàn thành"])
            #expect(first.outcome.completesGrade == true && first.outcome.awards.isEmpty)
            #expect(first.completion == "Hoàn thành chương trình lớp học")
            let second = try #require(results.first { $0.studentID != anh })
            #expect(second.outcome.result == nil && second.outcome.completesGrade == nil && second.completion == nil)
            #expect(second.outcome.missing.contains("Toán: chưa có mức đạt được"))
            #expect(second.outcome.missing.contains("Toán: chưa có điểm kiểm tra cuối năm"))
            #expect(second.outcome.missing.contains("phẩm chất Yêu nước: chưa có mức"))
        }
    }
}

/// What follows the results: the "Tiêu biểu" nomination the principal approves; a pupil who has not completed gets a
/// support plan and a supplementary assessment whose last attempt counts, and the principal's decision to keep them
/// back is what the roll-over follows.
@Suite struct YearEndFollowUpTests {
    @Test func nominationRetestAndDecision() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let account = try await world.fixture.staff("gvcn.4a", "Phạm Thị Hằng", roles: [.teacher])
            let class4A = try await world.makeClass("4A", grade: 4, teacher: account.id)
            let teacher = try await world.fixture.caller(account)
            let admitted = try await world.register.admit(
                [
                    RegisterWorld.pupil("Nguyễn Thị Ánh", born: (5, 3, 2017), sex: .female, in: class4A),
                    RegisterWorld.pupil("Lê Văn Bình", born: (6, 4, 2017), sex: .male, in: class4A),
                    RegisterWorld.pupil("Trần Văn Cường", born: (7, 4, 2017), sex: .male, in: class4A),
                ], into: world.year.id, by: world.clerk)
            let id = { (given: String) in admitted.first { $0.entry.details.name.given == given }!.entry.studentID }
            let (anh, binh, cuong) = (id("Ánh"), id("Bình"), id("Cường"))
            let service = AssessmentService(database: db, clock: world.fixture.clock.function)
            // Ánh: HTT (a score of 8); Bình: CHT (Toán at C, 4); Cường: CHT too (Toán at C, 3).
            try await YearResultsTests.fill(anh, in: class4A, world: world, service: service) { _ in ("T", 8) }
            for pupil in [binh, cuong] {
                try await YearResultsTests.fill(pupil, in: class4A, world: world, service: service) {
                    $0 == "TOAN" ? ("C", pupil == binh ? 4 : 3) : ("T", 9)
                }
            }

            // The nomination: only for HTT, only by the class's teacher, approved by the principal.
            await #expect(throws: FieldProblems.self) {
                try await service.nominate(binh, class: class4A.id, achievement: "Tiến bộ", by: teacher)
            }
            await #expect(throws: RecordsError.forbidden) {
                try await service.nominate(anh, class: class4A.id, achievement: "Giải nhì Toán tuổi thơ", by: world.clerk)
            }
            try await service.nominate(anh, class: class4A.id, achievement: "Giải nhì Toán tuổi thơ cấp quận", by: teacher)
            await #expect(throws: RecordsError.forbidden) {
                try await service.decideNomination(anh, class: class4A.id, approve: true, by: teacher)
            }
            try await service.decideNomination(anh, class: class4A.id, approve: true, by: world.principal)
            var results = try await service.yearResults(class: class4A.id, by: world.principal)
            let first = try #require(results.first { $0.studentID == anh })
            #expect(first.outcome.result == .good && first.outcome.awards == [YearEndOutcome.exemplaryAward])
            #expect(first.followUp.nomination?.status == .approved && first.followUp.nomination?.decidedBy != nil)

            // Bình: a support plan, then the supplementary assessment of Toán (H, 6): the last attempt counts.
            try await service.setSupportPlan(
                binh, class: class4A.id, plan: "Ôn phép nhân, chia trong hè; kiểm tra lại cuối tháng 7.", by: teacher)
            let toan = try #require(try await world.fixture.subjects.list(grade: 4, by: world.principal).first { $0.code == "TOAN" })
            await #expect(throws: FieldProblems.self) {
                try await service.saveRetest(anh, class: class4A.id, subject: toan.id, level: "T", score: 10, by: world.principal)
            }
            await #expect(throws: FieldProblems.self) {
                try await service.saveRetest(binh, class: class4A.id, subject: toan.id, level: "H", score: 11, by: world.principal)
            }
            try await service.saveRetest(binh, class: class4A.id, subject: toan.id, level: "H", score: 6, by: world.principal)
            results = try await service.yearResults(class: class4A.id, by: world.principal)
            let second = try #require(results.first { $0.studentID == binh })
            #expect(second.outcome.result == .completed && second.outcome.completesGrade == true)
            #expect(second.followUp.retests == ["Toán: H, điểm 6"] && second.followUp.supportPlan.hasPrefix("Ôn phép nhân"))
            await #expect(throws: FieldProblems.self) {
                try await service.decidePromotion(binh, class: class4A.id, promotes: true, by: world.principal)
            }

            // Cường still has not completed after the retest: the principal keeps him back, and the roll-over's
            // promotion list marks him to repeat; no further retest after the decision.
            try await service.saveRetest(cuong, class: class4A.id, subject: toan.id, level: "C", score: 4, by: world.principal)
            await #expect(throws: RecordsError.forbidden) {
                try await service.decidePromotion(cuong, class: class4A.id, promotes: false, by: teacher)
            }
            try await service.decidePromotion(
                cuong, class: class4A.id, promotes: false, note: "Chưa đạt Toán sau kiểm tra lại", by: world.principal)
            let promotion = try await RollOverService(database: db, clock: world.fixture.clock.function).promotion(
                of: class4A.id, by: world.principal)
            #expect(promotion.filter(\.repeats).map(\.studentID) == [cuong])
            await #expect(throws: FieldProblems.self) {
                try await service.saveRetest(cuong, class: class4A.id, subject: toan.id, level: "H", score: 5, by: world.principal)
            }
            let third = try #require(try await service.yearResults(class: class4A.id, by: world.principal).first { $0.studentID == cuong })
            #expect(third.followUp.decision?.promotes == false && !third.followUp.mayRetest)
            let actions = try await world.fixture.audit.entries(.init(entity: "assessment"), by: world.principal).map(\.event.action)
            for action in [
                "assessment.nominate", "assessment.nomination.approve", "assessment.support", "assessment.retest", "assessment.decide",
            ] {
                #expect(actions.contains(action), "\(action) is audited")
            }
        }
    }
}
