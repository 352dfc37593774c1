import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The year-end results computed from what the book holds at CN: the reasons, the award, and a pupil with values
/// missing reported as missing.
@Suite struct YearResultsTests {
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
            let today = SchoolDate(world.fixture.clock.now)
            try await service.setWindow(
                year: world.year.id, grade: 4, checkpoint: .endOfYear, opensOn: today, closesOn: today.adding(days: 2), by: world.principal)
            let subjects = try await world.fixture.subjects.list(grade: 4, by: world.principal).filter {
                $0.status == .compulsory && $0.isActive
            }
            for subject in subjects {
                let tested = Rulebooks.tt27.hasTest(subject: subject.code, grade: 4, at: .endOfYear)
                try await service.saveSubject(
                    class: class4A.id, subject: subject.id, checkpoint: .endOfYear,
                    entries: [SubjectEntry(studentID: anh, level: subject.code == "AN" ? "H" : "T", score: tested ? 10 : nil)],
                    by: world.principal)
            }
            let homeroom = try await service.homeroomGrid(class: class4A.id, checkpoint: .endOfYear, by: world.principal)
            var levels: [String: String?] = [:]
            for item in homeroom.items { levels[item.key] = "T" }
            try await service.saveHomeroom(
                class: class4A.id, checkpoint: .endOfYear, entries: [HomeroomEntry(studentID: anh, levels: levels)], by: world.principal)

            let results = try await service.yearResults(class: class4A.id, by: world.principal)
            let first = try #require(results.first { $0.studentID == anh })
            #expect(first.outcome.result == .completed)
            #expect(first.outcome.reasons == ["HT: Âm nhạc ở mức Hoàn thành"])
            #expect(first.outcome.completesGrade == true && first.outcome.awards.isEmpty)
            let second = try #require(results.first { $0.studentID != anh })
            #expect(second.outcome.result == nil && second.outcome.completesGrade == nil)
            #expect(second.outcome.missing.contains("Toán: chưa có mức đạt được"))
            #expect(second.outcome.missing.contains("Toán: chưa có điểm kiểm tra cuối năm"))
            #expect(second.outcome.missing.contains("phẩm chất Yêu nước: chưa có mức"))
        }
    }
}
