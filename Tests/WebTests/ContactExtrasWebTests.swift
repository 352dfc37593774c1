import Fluent
import Foundation
import TestSupport
import Testing
import Vapor

@testable import Records
@testable import Web

/// Attachments, photo consent and reports in the contact book: a photo previewed with an announcement must say whether
/// it shows pupils, and a pupil shown needs the family's consent (and the child's own from 7) — refused naming the
/// child, nothing stored, sent once the family consents; the file reaches the family and nobody outside; a message
/// carries a PDF and a file that is not one is refused next to the field; the family reports the message and the
/// announcement, and only the principal sees and handles the reports.
@Suite struct ContactExtrasWebTests {
    @Test func photosNeedConsentFilesReachTheirReadersAndReportsReachThePrincipal() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            _ = try await DemoPupils(database: app.db).seed()
            let class2B = try await ContactWebTests.classID("2B", app)
            let family = try await ContactWebTests.familyIn2BAndElsewhere(app, class2B: class2B)
            let parent = try await ContactWebTests.parentAccount(app, guardian: family.guardian, phone: family.phone, username: "bo.me.2b")
            let child = try #require(try await ContactWebTests.names([family.pupil2B], app).first)
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.2b", DemoSchool.password)

            let photo = SampleFiles.png(width: 40, height: 30)
            let fields = [
                ("audience", "class:\(class2B)"), ("title", "Ảnh buổi dã ngoại"), ("body", "Ảnh của lớp ở công viên."), ("replyBy", ""),
                ("sendAt", ""),
            ]
            let preview = try await teacher.upload(
                Site.announcementNew(), fields + [("step", "preview")], file: ("attachment", "dã ngoại.png", photo))
            #expect(preview.status == .ok && preview.body.contains("Ảnh có hình học sinh không?") && preview.body.contains("(chưa đồng ý)"))
            let pending = try #require(ContactWebTests.hidden("pending", in: preview.body))
            let token = try #require(ContactWebTests.hidden("previewed", in: preview.body))
            let send = fields + [("step", "send"), ("previewed", token), ("pending", pending), ("pendingName", "dã ngoại.png")]
            let unanswered = try await teacher.post(Site.announcementNew(), send)
            #expect(unanswered.status == .unprocessableEntity && unanswered.body.contains("Cho biết ảnh có hình học sinh hay không."))
            let pictured = send + [("showsPupils", "yes"), ("pictured[]", family.pupil2B.description)]
            let refused = try await teacher.post(Site.announcementNew(), pictured)
            #expect(
                refused.status == .unprocessableEntity && refused.body.contains("Chưa có đồng ý đăng ảnh") && refused.body.contains(child))
            #expect(try await rowCount("announcements", on: app.db) == 0)
            #expect(try await rowCount("contact_attachments", on: app.db) == 0)

            // The family consents on the child's page (and the child, from 7); the photo goes out.
            #expect(try await parent.get(Site.familyChild(family.pupil2B)).body.contains("Ảnh có hình con"))
            #expect(
                try await parent.post(Site.familyPhotoConsent(family.pupil2B), [("family", "yes"), ("child", "yes")]).status == .seeOther)
            let consent = try #require(try await PhotoConsentRow.query(on: app.db).first())
            #expect(consent.familyConsents && consent.childConsents)
            let sent = try await teacher.post(Site.announcementNew(), pictured)
            #expect(sent.status == .seeOther, "\(sent.status): \(sent.body.prefix(300))")
            let file = try #require(try await ContactAttachmentRow.query(on: app.db).first())
            #expect(file.showsPupils && file.filename == "dã ngoại.png" && file.mediaType == "image/png" && file.size == photo.count)
            let announcement = try #require(try await AnnouncementRow.query(on: app.db).first()).id!
            // Staged before the transaction, named once it committed: no staged file is left.
            let folder = URL(fileURLWithPath: app.config.uploadsDirectory).appendingPathComponent("contact").path
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix("pending") } == [file.storedName])

            // The file reaches the family and the sender; a teacher of another class gets nothing.
            #expect(try await parent.get(Site.familyAnnouncement(announcement)).body.contains(Site.familyFile(file.id!)))
            let download = try await parent.get(Site.familyFile(file.id!))
            #expect(download.status == .ok && download.bytes == photo && download.headers.first(name: .contentType) == "image/png")
            #expect(try await teacher.get(Site.contactFile(file.id!)).bytes == photo)
            let other = TestBrowser(app)
            try await other.login("gvcn.2a", DemoSchool.password)
            #expect(try await other.get(Site.contactFile(file.id!)).status != .ok)

            // A message carries a PDF; a file that is not one is refused next to the field, nothing stored.
            let messages = try await rowCount("contact_messages", on: app.db)
            let fake = try await teacher.upload(
                Site.conversation(family.pupil2B), [("body", "Phiếu đăng ký")], file: ("attachment", "phieu.pdf", Array("<html>".utf8)))
            #expect(fake.status == .unprocessableEntity && fake.body.contains("Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF."))
            #expect(try await rowCount("contact_messages", on: app.db) == messages)
            let wrote = try await teacher.upload(
                Site.conversation(family.pupil2B), [("body", "Phiếu đăng ký bán trú")], file: ("attachment", "phieu.pdf", SampleFiles.pdf())
            )
            #expect(wrote.status == .seeOther)
            let thread = try await parent.get(Site.familyConversation(family.pupil2B))
            #expect(thread.body.contains("phieu.pdf") && thread.body.contains("Báo cáo tin nhắn không phù hợp"))

            // The family reports the message and the announcement; only the principal sees and handles them.
            let message = try #require(try await ContactMessageRow.query(on: app.db).filter(\.$body == "Phiếu đăng ký bán trú").first()).id!
            #expect(
                try await parent.post(Site.familyReportMessage(family.pupil2B), [("message", "\(message)"), ("reason", " ")]).status
                    == .seeOther)
            #expect(try await rowCount("contact_reports", on: app.db) == 0, "an empty reason is refused")
            let reported = try await parent.post(
                Site.familyReportMessage(family.pupil2B), [("message", "\(message)"), ("reason", "Tin nhắn gửi nhầm gia đình.")])
            #expect(reported.status == .seeOther)
            #expect(try await parent.post(Site.familyReport(announcement), [("reason", "Ảnh có hình con tôi.")]).status == .seeOther)
            #expect(try await rowCount("contact_reports", on: app.db) == 2)
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let book = try await principal.get(Site.contactBook())
            #expect(book.body.contains("Phụ huynh báo cáo") && book.body.contains("Tin nhắn gửi nhầm gia đình."))
            #expect(!(try await teacher.get(Site.contactBook()).body.contains("Phụ huynh báo cáo")))
            let report = try #require(try await ContactReportRow.query(on: app.db).filter(\.$messageID == message).first())
            #expect(try await teacher.post(Site.contactReportResolve(report.id!), []).status == .forbidden)
            #expect(try await principal.post(Site.contactReportResolve(report.id!), []).status == .seeOther)
            #expect(try await ContactReportRow.find(report.id!, on: app.db)?.resolvedBy != nil)
        }
    }
}
