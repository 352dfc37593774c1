import Admissions
import Documents
import Fluent
import Foundation
import TestSupport
import Testing
import Vapor

@testable import Records
@testable import Web

/// Results reach families only when the principal releases the checkpoint, and each family sees its own child's.
@Suite struct ResultsReleaseWebTests {
    @Test func aParentSeesTheirChildsResultsOnlyAfterTheRelease() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            _ = try await DemoPupils(database: app.db).seed()
            let system = Caller.system()
            let principalCaller = Caller(accountID: nil, displayName: "Hiệu trưởng", grants: Grants(roles: [.principal]))
            let year = try await SchoolService(database: app.db).currentYear()
            let class4A = try #require(try await ClassService(database: app.db).list(year: year.id, by: system).first { $0.name == "4A" })
            let english = try #require(try await SubjectService(database: app.db).list(grade: 4, by: system).first { $0.code == "NN1" })
            let lines = try await RosterService(database: app.db).roster(class: class4A.id, by: system).lines.filter(\.attending)
            var chosen: (StudentID, StudentGuardian)?
            for line in lines {
                let student = try await RegisterService(database: app.db).student(line.studentID, by: system)
                if let guardian = student.guardians.first(where: { !$0.guardian.phone.isEmpty }) {
                    chosen = (line.studentID, guardian)
                    break
                }
            }
            let (child, guardian) = try #require(chosen)
            let other = try #require(lines.first { $0.studentID != child }).studentID
            let service = AssessmentService(database: app.db)
            let today = SchoolDate(Date())
            try await service.setWindow(
                year: year.id, grade: 4, checkpoint: .midTerm1, opensOn: today, closesOn: today.adding(days: 2), by: principalCaller)
            try await service.saveSubject(
                class: class4A.id, subject: english.id, checkpoint: .midTerm1,
                entries: [
                    SubjectEntry(studentID: child, level: "T", score: nil, comment: "Em nghe hiểu tốt."),
                    SubjectEntry(studentID: other, level: "C", score: nil, comment: "Nhận xét của bạn khác."),
                ], by: principalCaller)

            let invitation = try await FamilyInvitations(database: app.db).invite(
                guardian.guardian.id, school: DemoSchool.schoolName, activationURL: Site.familyActivate(), by: system)
            let parent = TestBrowser(app)
            let opened = try await parent.post(
                Site.familyActivate(),
                [
                    ("code", invitation.code), ("contact", guardian.guardian.phone), ("username", "phuhuynh.4a"),
                    ("password", "mat-khau-phu-huynh"), ("passwordConfirmation", "mat-khau-phu-huynh"),
                ])
            #expect(opened.status == .seeOther)
            let before = try await parent.get(Site.familyChild(child))
            #expect(before.status == .ok && !before.body.contains("Em nghe hiểu tốt."), "nothing before the release")

            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            // The progress page: 4A's English has two of its pupils entered; 4B's nothing.
            let progress = try await principal.get(Site.assessmentProgress(query: ["checkpoint": "midTerm1"]))
            #expect(progress.status == .ok && progress.body.contains("<svg"))
            #expect(progress.body.contains("<td>4A</td><td>Ngoại ngữ 1</td><td>Hoàng Văn Nam</td><td class=\"num\">2/"))
            #expect(progress.body.contains("<td>4B</td><td>Ngoại ngữ 1</td><td>Hoàng Văn Nam</td><td class=\"num\">0/"))
            let completion = try await AssessmentService(database: app.db).completion(year: year.id, checkpoint: .midTerm1, by: system)
            #expect(completion.filter { $0.className == "4A" }.count == 12, "11 compulsory subjects of grade 4 and the homeroom part")
            let guardianRow = try #require(try await GuardianRow.find(guardian.guardian.id.uuid, on: app.db))
            guardianRow.email = "me.4a@example.vn"
            try await guardianRow.update(on: app.db)
            #expect(try await principal.post(Site.assessmentRelease(), [("checkpoint", "midTerm1")]).status == .seeOther)
            // Each family is sent its own child's results, never another child's.
            let sentResults = try await OutboxRow.query(on: app.db).filter(\.$guardianID == guardian.guardian.id.uuid).all()
                .filter { $0.source?.hasPrefix("results:") == true }
            let mail = try #require(sentResults.first { $0.channel == "email" })
            #expect(mail.recipient == "me.4a@example.vn" && mail.subject.hasPrefix("Kết quả Giữa học kì I năm học"))
            #expect(mail.body.contains("Ngoại ngữ 1: T — Em nghe hiểu tốt.") && !mail.body.contains("Nhận xét của bạn khác."))
            #expect(mail.body.contains(Site.familyChild(child)))
            #expect(
                try await principal.get(Site.assessmentWindows()).body.contains("Đã công bố cho phụ huynh: <strong>Giữa học kì I</strong>"))
            let teacher = TestBrowser(app)
            try await teacher.login("gvbm.tienganh", DemoSchool.password)
            #expect(try await teacher.post(Site.assessmentRelease(), [("checkpoint", "endTerm1")]).status == .forbidden)

            let after = try await parent.get(Site.familyChild(child))
            #expect(after.body.contains("Kết quả Giữa học kì I · lớp 4A") && after.body.contains("Em nghe hiểu tốt."))
            #expect(!after.body.contains("Nhận xét của bạn khác."), "never another child's")
            #expect(try await parent.get(Site.familyChild(other)).status != .ok)

            // The summary table of 4A at GK1: A4 landscape PDF with the heading, the pupils and the values; and as Excel.
            let query: KeyValuePairs<String, String> = ["checkpoint": "midTerm1"]
            let pdf = try await principal.get(Site.summaryPDF(class4A.id, query: query))
            #expect(pdf.status == .ok && pdf.headers.contentType?.subType == "pdf")
            let file = try Poppler.write(pdf.bytes, name: "bang-tong-hop-4A")
            let text = try Poppler.text(file)
            #expect(text.contains("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC"))
            #expect(text.contains("Lớp 4A · Giữa học kì I · Năm học 2026-2027"))
            #expect(text.contains("GIÁO VIÊN CHỦ NHIỆM") && text.contains("HIỆU TRƯỞNG"))
            let childName = try #require(lines.first { $0.studentID == child }).name.full
            #expect(text.contains(childName))
            #expect(try Poppler.fonts(file).allSatisfy(\.embedded), "every font embedded")
            let workbook = try await principal.get(Site.summaryXLSX(class4A.id, query: query))
            let rows = try XLSXReader.rows(workbook.bytes)
            #expect(rows.first?.prefix(4) == ["STT", "Họ và tên", "Tiếng Việt — mức", "Tiếng Việt — điểm"])
            let englishColumn = try #require(rows.first?.firstIndex(of: "Ngoại ngữ 1 — mức"))
            #expect(rows.contains { $0.count > englishColumn && $0[1] == childName && $0[englishColumn] == "T" })
        }
    }
}
