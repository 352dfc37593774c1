import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The principal opens CK1 for grade 4; the English teacher fills 4A's grid, sees a bad score refused next to its
/// cell with everything typed kept, saves, marks done, and cannot change it after.
@Suite struct AssessmentWebTests {
    /// The demo school with its pupils: the current year, class 4A and its English (Ngoại ngữ 1).
    static func demo4A(_ app: Application) async throws -> (SchoolYear, SchoolClass, Subject) {
        try await seedDemo(app)
        _ = try await DemoPupils(database: app.db).seed()
        let year = try await SchoolService(database: app.db).currentYear()
        let class4A = try #require(try await ClassService(database: app.db).list(year: year.id, by: .system()).first { $0.name == "4A" })
        let english = try #require(try await SubjectService(database: app.db).list(grade: 4, by: .system()).first { $0.code == "NN1" })
        return (year, class4A, english)
    }

    /// Opens `checkpoint` for grade 4 from today for two days, as the principal.
    static func open(_ checkpoint: Checkpoint, year: SchoolYear, _ app: Application) async throws {
        let today = SchoolDate(Date())
        try await AssessmentService(database: app.db).setWindow(
            year: year.id, grade: 4, checkpoint: checkpoint, opensOn: today, closesOn: today.adding(days: 2),
            by: Caller(accountID: nil, displayName: "Hiệu trưởng", grants: Grants(roles: [.principal])))
    }

    @Test func theEnglishTeacherFills4AInsideTheWindowAndDoneLocksIt() async throws {
        try await withHoso { app in
            let (year, class4A, english) = try await Self.demo4A(app)
            let system = Caller.system()
            let grid = Site.subjectGrid(class4A.id, english.id, query: ["checkpoint": "endTerm1"])

            let teacher = TestBrowser(app)
            try await teacher.login("gvbm.tienganh", DemoSchool.password)
            #expect(try await teacher.get(Site.home()).body.contains(Site.subjectGrid(class4A.id, english.id)))
            let closed = try await teacher.get(grid)
            #expect(closed.status == .ok && closed.body.contains("Hiệu trưởng chưa mở nhập CK1 cho khối 4."))
            #expect(!closed.body.contains("name=\"level-"), "no inputs before the window opens")

            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let today = SchoolDate(Date())
            let badWindow = try await principal.post(
                Site.assessmentWindows(), [("grade", "4"), ("checkpoint", "endTerm1"), ("opensOn", today.display), ("closesOn", "")])
            #expect(badWindow.status == .unprocessableEntity && badWindow.body.contains("Nhập ngày đóng (dd/mm/yyyy)."))
            let opened = try await principal.post(
                Site.assessmentWindows(),
                [
                    ("grade", "4"), ("checkpoint", "endTerm1"), ("opensOn", today.adding(days: -1).display),
                    ("closesOn", today.adding(days: 7).display),
                ])
            #expect(opened.status == .seeOther)
            #expect(try await teacher.post(Site.assessmentWindows(), [("grade", "4"), ("checkpoint", "endTerm1")]).status == .forbidden)

            let page = try await teacher.get(grid)
            #expect(page.body.contains("Đang mở nhập") && page.body.contains("data-live-grid=\"hoso-assessment-"))
            let pupils = try await RosterService(database: app.db).roster(class: class4A.id, by: system).lines.filter(\.attending)
            let first = pupils[0].studentID
            let second = pupils[1].studentID
            let typed: [(String, String)] = [
                ("level-\(first)", "T"), ("score-\(first)", "9"), ("comment-\(first)", "Phát âm tốt."),
                ("level-\(second)", "H"), ("score-\(second)", "11"), ("comment-\(second)", ""),
            ]
            let refused = try await teacher.post(grid, typed)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("\(pupils[1].name.full): điểm 11 không hợp lệ (số nguyên 0–10)."))
            #expect(refused.body.contains("value=\"Phát âm tốt.\""), "what was typed comes back")
            let stored = try await AssessmentService(database: app.db).subjectGrid(
                class: class4A.id, subject: english.id, checkpoint: .endTerm1, by: system)
            #expect(stored.lines.allSatisfy { $0.level == nil }, "nothing half-written")

            var fixed = typed
            fixed[4] = ("score-\(second)", "7")
            #expect(try await teacher.post(grid, fixed).status == .seeOther)
            let saved = try await AssessmentService(database: app.db).subjectGrid(
                class: class4A.id, subject: english.id, checkpoint: .endTerm1, by: system)
            #expect(saved.lines.first { $0.studentID == first }?.score == 9 && saved.lines.first { $0.studentID == second }?.score == 7)

            // Another teacher's grid is not theirs.
            let math = try #require(try await SubjectService(database: app.db).list(grade: 4, by: system).first { $0.code == "TOAN" })
            #expect(
                try await teacher.post(Site.subjectGrid(class4A.id, math.id, query: ["checkpoint": "endTerm1"]), typed).status == .forbidden
            )

            #expect(
                try await teacher.post(Site.subjectGridDone(class4A.id, english.id, query: ["checkpoint": "endTerm1"]), []).status
                    == .seeOther)
            let locked = try await teacher.get(grid)
            #expect(locked.body.contains("Đã hoàn thành và khoá (Hoàng Văn Nam)."))
            let after = try await teacher.post(grid, fixed)
            #expect(after.status == .unprocessableEntity && after.body.contains("đã hoàn thành và khoá"))

            // The change goes through an unlock the principal approves; the teacher changes it and marks done again, and the lock is back.
            let unlock = Site.subjectGridUnlock(class4A.id, english.id, query: ["checkpoint": "endTerm1"])
            #expect(try await teacher.post(unlock, [("reason", "")]).status == .unprocessableEntity)
            #expect(try await teacher.post(unlock, [("reason", "Nhập nhầm điểm của em thứ hai")]).status == .seeOther)
            #expect(try await teacher.get(grid).body.contains("Đề nghị mở khoá đang chờ hiệu trưởng."))
            let windows = try await principal.get(Site.assessmentWindows())
            #expect(windows.body.contains("Ngoại ngữ 1 CK1 lớp 4A") && windows.body.contains("Nhập nhầm điểm của em thứ hai"))
            let decide = try #require(windows.body.firstMatch(of: /action="(\/school\/assessment\/unlocks\/[0-9A-Fa-f-]+)"/)?.1)
            #expect(try await teacher.post(String(decide), [("decision", "approve")]).status == .forbidden)
            #expect(try await principal.post(String(decide), [("decision", "approve"), ("note", "")]).status == .seeOther)
            fixed[4] = ("score-\(second)", "8")
            #expect(try await teacher.post(grid, fixed).status == .seeOther)
            #expect(try await teacher.get(grid).body.contains("Hiệu trưởng đã mở khoá"))
            #expect(
                try await teacher.post(Site.subjectGridDone(class4A.id, english.id, query: ["checkpoint": "endTerm1"]), []).status
                    == .seeOther)
            let changed = try await AssessmentService(database: app.db).subjectGrid(
                class: class4A.id, subject: english.id, checkpoint: .endTerm1, by: system)
            #expect(changed.lines.first { $0.studentID == second }?.score == 8 && !changed.isOpen)
        }
    }

    @Test func theHomeroomTeacherEntersQualitiesAndCompetenciesFromTheRoster() async throws {
        try await withHoso { app in
            let (year, class4A, _) = try await Self.demo4A(app)
            let system = Caller.system()
            try await Self.open(.midTerm1, year: year, app)
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.4a", DemoSchool.password)
            #expect(try await teacher.get(Site.roster(class4A.id)).body.contains(Site.homeroomGrid(class4A.id)))
            let grid = Site.homeroomGrid(class4A.id, query: ["checkpoint": "midTerm1"])
            let page = try await teacher.get(grid)
            #expect(page.status == .ok && page.body.contains("Yêu nước") && page.body.contains("Thể chất"))
            let pupil = try #require(try await RosterService(database: app.db).roster(class: class4A.id, by: system).lines.first).studentID
            let items =
                Rulebooks.tt27.qualities.map { "homeroom:q:\($0)" }
                + (Rulebooks.tt27.generalCompetencies + Rulebooks.tt27.specificCompetencies).map { "homeroom:c:\($0)" }
            var fields = items.map { ("\($0)|\(pupil)", "T") } + [("comment|\(pupil)", "Em mạnh dạn phát biểu.")]
            fields[0].1 = "H"
            let refused = try await teacher.post(grid, fields)
            #expect(refused.status == .unprocessableEntity && refused.body.contains("mức “H” không có; ghi T, Đ, C."))
            #expect(refused.body.contains("value=\"Em mạnh dạn phát biểu.\""))
            fields[0].1 = "Đ"
            #expect(try await teacher.post(grid, fields).status == .seeOther)
            let stored = try await AssessmentService(database: app.db).homeroomGrid(class: class4A.id, checkpoint: .midTerm1, by: system)
            let line = try #require(stored.lines.first { $0.studentID == pupil })
            #expect(line.levels.count == 15 && line.levels["homeroom:q:Yêu nước"] == "Đ" && line.comment == "Em mạnh dạn phát biểu.")
            let other = TestBrowser(app)
            try await other.login("gvcn.4b", DemoSchool.password)
            #expect(try await other.post(grid, fields).status == .forbidden)
            // The year's results page says what is missing instead of a result.
            let results = try await teacher.get(Site.yearResults(class4A.id))
            #expect(
                results.status == .ok && results.body.contains("Chưa đủ dữ liệu") && results.body.contains("Toán: chưa có mức đạt được"))
            #expect(try await other.get(Site.yearResults(class4A.id)).status == .forbidden)
        }
    }

    @Test func theGridGoesToExcelAndComesBackCheckedBeforeItIsSaved() async throws {
        try await withHoso { app in
            let (year, class4A, english) = try await Self.demo4A(app)
            let system = Caller.system()
            try await Self.open(.endTerm1, year: year, app)
            let teacher = TestBrowser(app)
            try await teacher.login("gvbm.tienganh", DemoSchool.password)
            let query: KeyValuePairs<String, String> = ["checkpoint": "endTerm1"]
            let download = try await teacher.get(Site.subjectGridXLSX(class4A.id, english.id, query: query))
            #expect(download.status == .ok)
            let rows = try XLSXReader.rows(download.bytes)
            #expect(rows.first == ["STT", "Mã học sinh (hoso)", "Họ và tên", "Mức đạt được", "Điểm KTĐK", "Nhận xét"])
            let pupils = Array(rows.dropFirst())
            #expect(pupils.count > 20)
            func workbook(_ score: String) throws -> [UInt8] {
                var writer = XLSXWriter()
                let filled: [[XLSXCell]] = pupils.enumerated().map { index, row in
                    [
                        .text(row[0]), .text(row[1]), .text(row[2]), .text(index == 0 ? "t" : "H"), .text(index == 1 ? score : "8"),
                        .text("Nhận xét \(index)"),
                    ]
                }
                writer.addSheet(name: "Lop", header: rows[0], rows: filled)
                return try writer.data()
            }
            let upload = Site.subjectGridUpload(class4A.id, english.id, query: query)
            let refused = try await teacher.upload(upload, [], file: ("file", "4a.xlsx", try workbook("11")))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("điểm 11 không hợp lệ (số nguyên 0–10)."))
            let read = try await teacher.upload(upload, [], file: ("file", "4a.xlsx", try workbook("9")))
            #expect(read.status == .ok && read.body.contains("Kiểm tra rồi bấm Lưu; chưa có gì được lưu."))
            let before = try await AssessmentService(database: app.db).subjectGrid(
                class: class4A.id, subject: english.id, checkpoint: .endTerm1, by: system)
            #expect(before.lines.allSatisfy { $0.level == nil }, "the upload alone saves nothing")
            #expect(read.body.contains("value=\"Nhận xét 1\""))
            let old = try await teacher.upload(upload, [], file: ("file", "cu.xlsx", Array("a,b\r\n1,2\r\n".utf8)))
            #expect(old.status == .unprocessableEntity && old.body.contains("Không thấy cột “Mã học sinh (hoso)”"))
            let noFile = try await teacher.upload(upload, [], file: ("file", "trong.xlsx", []))
            #expect(noFile.status == .unprocessableEntity)
        }
    }
}
