import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The principal approves a class's summary table at the end of term I once every value is entered (Điều 6.5); the
/// PDF says so, and says when the book changed after it; the class's assessment book for the year comes as one PDF.
@Suite struct SummaryApprovalWebTests {
    @Test func approvalNeedsEveryValueAndAChangeAfterItShows() async throws {
        try await withHoso { app in
            let (year, class4A, _) = try await AssessmentWebTests.demo4A(app)
            try await AssessmentWebTests.open(.endTerm1, year: year, app)
            let principalCaller = Caller(accountID: nil, displayName: "Hiệu trưởng", grants: Grants(roles: [.principal]))
            let service = AssessmentService(database: app.db)
            let pupils = try await RosterService(database: app.db).roster(class: class4A.id, by: .system()).lines.map(\.studentID)
            let subjects = try await SubjectService(database: app.db).list(grade: 4, by: .system()).filter {
                $0.status == .compulsory && $0.isActive
            }
            for subject in subjects {
                let tested = Rulebooks.tt27.hasTest(subject: subject.code, grade: 4, at: .endTerm1)
                try await service.saveSubject(
                    class: class4A.id, subject: subject.id, checkpoint: .endTerm1,
                    entries: pupils.map { SubjectEntry(studentID: $0, level: "H", score: tested ? 7 : nil) }, by: principalCaller)
            }
            let grid = try await service.homeroomGrid(class: class4A.id, checkpoint: .endTerm1, by: principalCaller)
            func homeroom(_ students: ArraySlice<StudentID>) async throws {
                try await service.saveHomeroom(
                    class: class4A.id, checkpoint: .endTerm1,
                    entries: students.map { student in
                        HomeroomEntry(studentID: student, levels: Dictionary(uniqueKeysWithValues: grid.items.map { ($0.key, "Đ") }))
                    }, by: principalCaller)
            }
            try await homeroom(pupils.dropLast())
            let query: KeyValuePairs<String, String> = ["checkpoint": "endTerm1"]
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let page = try await principal.get(Site.homeroomGrid(class4A.id, query: query))
            #expect(page.body.contains("Chưa được hiệu trưởng duyệt.") && page.body.contains(Site.summaryApprove(class4A.id, query: query)))
            let early = try await principal.post(Site.summaryApprove(class4A.id, query: query), [])
            #expect(early.status == .seeOther)
            #expect(try await principal.get(early.location ?? "").body.contains("Chưa duyệt được: còn 1 học sinh chưa đủ kết quả"))
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.4a", DemoSchool.password)
            #expect(try await teacher.post(Site.summaryApprove(class4A.id, query: query), []).status == .forbidden)
            #expect(!(try await teacher.get(Site.homeroomGrid(class4A.id, query: query)).body.contains("Duyệt bảng tổng hợp</button>")))

            try await homeroom(pupils.suffix(1))
            #expect(try await principal.post(Site.summaryApprove(class4A.id, query: query), []).status == .seeOther)
            var text = try Poppler.text(try Poppler.write(try await principal.get(Site.summaryPDF(class4A.id, query: query)).bytes))
            #expect(text.contains("Đã được hiệu trưởng duyệt (Nguyễn Văn Minh"))
            let stored = try await service.summary(class: class4A.id, checkpoint: .endTerm1, by: principalCaller)
            #expect(stored.approval?.current == true && stored.gaps.isEmpty)

            // A later change shows on the table: it needs approving again.
            try await Task.sleep(for: .milliseconds(5))
            try await service.saveSubject(
                class: class4A.id, subject: subjects[0].id, checkpoint: .endTerm1,
                entries: [SubjectEntry(studentID: pupils[0], level: "T", score: 9)], by: principalCaller)
            text = try Poppler.text(try Poppler.write(try await principal.get(Site.summaryPDF(class4A.id, query: query)).bytes))
            #expect(text.contains("Đã có thay đổi sau khi hiệu trưởng duyệt"))
            #expect(try await principal.get(Site.homeroomGrid(class4A.id, query: query)).body.contains("Duyệt bảng tổng hợp</button>"))
            let audit = try await AuditLog(database: app.db).entries(.init(entity: "assessment"), by: principalCaller)
            #expect(audit.contains { $0.event.action == "assessment.approve" })

            // The year's book: the title page, the four tables and the year-end results.
            let book = try await teacher.get(Site.classBookPDF(class4A.id))
            #expect(book.status == .ok && book.headers.contentType?.subType == "pdf")
            let file = try Poppler.write(book.bytes, name: "so-danh-gia-4A")
            text = try Poppler.text(file)
            #expect(text.contains("SỔ ĐÁNH GIÁ HỌC SINH") && text.contains("KẾT QUẢ GIÁO DỤC CUỐI NĂM HỌC"))
            for label in ["Giữa học kì I", "Cuối học kì I", "Giữa học kì II", "Cuối năm học"] {
                #expect(text.contains("Lớp 4A · \(label) · Năm học 2026-2027"), "\(label) table")
            }
            #expect(try Poppler.fonts(file).allSatisfy(\.embedded))
            let other = TestBrowser(app)
            try await other.login("gvcn.4b", DemoSchool.password)
            #expect(try await other.get(Site.classBookPDF(class4A.id)).status == .forbidden)
        }
    }
}
