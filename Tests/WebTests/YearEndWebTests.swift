import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The year-end results page with what follows: the homeroom teacher nominates and plans, the principal approves
/// and decides; a refused form comes back in its row with a message and what was typed.
@Suite struct YearEndWebTests {
    /// Enters CN for `pupil` of `schoolClass`: every compulsory subject at `level` with `score` where a test is due,
    /// Toán at `math`, and every quality and competency at T.
    static func fill(_ pupil: StudentID, _ schoolClass: SchoolClass, level: String, score: Int, math: (String, Int), _ app: Application)
        async throws
    {
        let principal = Caller(accountID: nil, displayName: "Hiệu trưởng", grants: Grants(roles: [.principal]))
        let service = AssessmentService(database: app.db)
        let subjects = try await SubjectService(database: app.db).list(grade: schoolClass.grade, by: .system()).filter {
            $0.status == .compulsory && $0.isActive
        }
        for subject in subjects {
            let tested = Rulebooks.tt27.hasTest(subject: subject.code, grade: schoolClass.grade, at: .endOfYear)
            let (l, s) = subject.code == "TOAN" ? math : (level, score)
            try await service.saveSubject(
                class: schoolClass.id, subject: subject.id, checkpoint: .endOfYear,
                entries: [SubjectEntry(studentID: pupil, level: l, score: tested ? s : nil)], by: principal)
        }
        let grid = try await service.homeroomGrid(class: schoolClass.id, checkpoint: .endOfYear, by: principal)
        var levels: [String: String?] = [:]
        for item in grid.items { levels[item.key] = "T" }
        try await service.saveHomeroom(
            class: schoolClass.id, checkpoint: .endOfYear, entries: [HomeroomEntry(studentID: pupil, levels: levels)], by: principal)
    }

    @Test func nominateApproveRetestAndKeepBack() async throws {
        try await withHoso { app in
            let (year, class4A, _) = try await AssessmentWebTests.demo4A(app)
            try await AssessmentWebTests.open(.endOfYear, year: year, app)
            let roster = try await RosterService(database: app.db).roster(class: class4A.id, by: .system())
            let (good, weak) = (roster.lines[0].studentID, roster.lines[1].studentID)
            try await Self.fill(good, class4A, level: "T", score: 8, math: ("T", 8), app)
            try await Self.fill(weak, class4A, level: "T", score: 9, math: ("C", 3), app)
            let results = Site.yearResults(class4A.id)

            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.4a", DemoSchool.password)
            let page = try await teacher.get(results)
            #expect(page.status == .ok && page.body.contains("HTT — Hoàn thành tốt") && page.body.contains("CHT — Chưa hoàn thành"))
            let refused = try await teacher.post(Site.yearEndNominate(class4A.id, good), [("achievement", "  ")])
            #expect(refused.status == .unprocessableEntity && refused.body.contains("Ghi thành tích nổi bật hoặc sự tiến bộ của học sinh."))
            #expect(
                try await teacher.post(Site.yearEndNominate(class4A.id, weak), [("achievement", "Tiến bộ")]).status == .unprocessableEntity)
            #expect(
                try await teacher.post(Site.yearEndNominate(class4A.id, good), [("achievement", "Giải nhất kể chuyện cấp trường")]).status
                    == .seeOther)
            let plan = try await teacher.post(Site.yearEndSupport(class4A.id, weak), [("plan", "Ôn bảng nhân trong hè")])
            #expect(plan.status == .seeOther)
            // The homeroom teacher does not teach Toán of 4A in the demo: no retest form, and the principal decides.
            #expect(try await teacher.post(Site.yearEndDecision(class4A.id, weak), [("decision", "repeat")]).status == .forbidden)

            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let waiting = try await principal.get(results)
            #expect(waiting.body.contains("Giải nhất kể chuyện cấp trường — chờ hiệu trưởng duyệt"))
            #expect(waiting.body.contains("Kế hoạch giúp đỡ: Ôn bảng nhân trong hè"))
            let noReason = try await principal.post(Site.yearEndNomination(class4A.id, good), [("decision", "refuse"), ("note", "")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.contains("Ghi lý do không duyệt."))
            #expect(try await principal.post(Site.yearEndNomination(class4A.id, good), [("decision", "approve")]).status == .seeOther)
            let toan = try #require(
                try await SubjectService(database: app.db).list(grade: 4, by: .system()).first { $0.code == "TOAN" })
            let badScore = try await principal.post(
                Site.yearEndRetest(class4A.id, weak), [("subject", toan.id.description), ("level", "C"), ("score", "mười")])
            #expect(badScore.status == .unprocessableEntity && badScore.body.contains("Điểm “mười” phải là số nguyên."))
            #expect(badScore.body.contains("value=\"mười\""), "what was typed comes back")
            #expect(
                try await principal.post(
                    Site.yearEndRetest(class4A.id, weak), [("subject", toan.id.description), ("level", "C"), ("score", "4")]
                )
                .status == .seeOther)
            #expect(
                try await principal.post(Site.yearEndDecision(class4A.id, weak), [("decision", "repeat"), ("note", "Chưa đạt Toán")]).status
                    == .seeOther)
            let after = try await principal.get(results)
            #expect(after.body.contains(YearEndOutcome.exemplaryAward) && after.body.contains("Ở lại lớp — "))
            #expect(after.body.contains("Đánh giá bổ sung — Toán: C, điểm 4"))
            let marked = try await RollOverService(database: app.db).promotion(of: class4A.id, by: .system())
            #expect(marked.filter(\.repeats).map(\.studentID) == [weak])
        }
    }
}
