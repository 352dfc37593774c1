import Admissions
import Fluent
import Foundation
import TestSupport
import Testing
import Vapor

@testable import Records
@testable import Web

/// The contact book through its pages, on the demo school: the homeroom teacher of 2B previews and sends an
/// announcement to the class and writes to one family; a guardian with children in 2B and another class sees both
/// children's items under one login, reads, confirms and answers; the teacher sees the read receipt and the reply;
/// a teacher of 2A cannot address 2B (403, nothing stored); the principal reads the conversation without marking it.
@Suite struct ContactWebTests {
    struct Family {
        let guardian: GuardianID
        let phone: String
        let pupil2B: StudentID
        let other: StudentID
    }

    @Test func announcementConversationAndScope() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            _ = try await DemoPupils(database: app.db).seed()
            let class2B = try await Self.classID("2B", app)
            let family = try await Self.familyIn2BAndElsewhere(app, class2B: class2B)
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.2b", DemoSchool.password)
            let composing = try await teacher.get(Site.announcementNew())
            #expect(composing.status == .ok && composing.body.contains("Điều 11"), "the rules are shown before the first message")
            let fields = [
                ("audience", "class:\(class2B)"), ("title", "Họp phụ huynh đầu năm"), ("body", "Mời anh chị dự họp lúc 19 giờ thứ Sáu."),
                ("replyBy", "31/12/2099"),
            ]
            let preview = try await teacher.post(Site.announcementNew(), fields + [("step", "preview")])
            #expect(preview.status == .ok && preview.body.contains("Người nhận: Lớp 2B"))
            let token = try #require(Self.hidden("previewed", in: preview.body))
            let expected = try await ContactBook(database: app.db).preview(.class(class2B), by: .system()).families.count
            #expect(preview.body.contains("\(expected) gia đình"))
            #expect(try await rowCount("announcements", on: app.db) == 0, "a preview stores nothing")

            // Sending without the preview's token, or with another audience's, shows the list again.
            let unseen = try await teacher.post(Site.announcementNew(), fields + [("step", "send"), ("previewed", "x")])
            #expect(unseen.status == .unprocessableEntity && unseen.body.contains("Họp phụ huynh đầu năm"))
            let sent = try await teacher.post(Site.announcementNew(), fields + [("step", "send"), ("previewed", token)])
            #expect(sent.status == .seeOther, "\(sent.status): \(sent.body.prefix(400))")
            #expect(try await rowCount("announcements", on: app.db) == 1)
            #expect(try await rowCount("announcement_recipients", on: app.db) == expected)
            let empty = try await teacher.post(Site.conversation(family.pupil2B), [("body", "  ")])
            #expect(empty.status == .unprocessableEntity && empty.body.contains("Nhập nội dung tin nhắn."))
            let wrote = try await teacher.post(Site.conversation(family.pupil2B), [("body", "Hôm nay cháu quên vở Tiếng Việt.")])
            #expect(wrote.status == .seeOther)

            // A teacher of 2A cannot address 2B: 403 and nothing stored; nor write about a 2B pupil.
            let other = TestBrowser(app)
            try await other.login("gvcn.2a", DemoSchool.password)
            let refused = try await other.post(
                Site.announcementNew(), [("audience", "class:\(class2B)"), ("title", "Nhầm lớp"), ("body", "Thử"), ("step", "preview")])
            #expect(refused.status == .forbidden)
            let refusedSend = try await other.post(
                Site.announcementNew(),
                [("audience", "class:\(class2B)"), ("title", "Nhầm lớp"), ("body", "Thử"), ("step", "send"), ("previewed", token)])
            #expect(refusedSend.status == .forbidden)
            #expect(try await other.post(Site.conversation(family.pupil2B), [("body", "Chào")]).status == .notFound)
            #expect(try await rowCount("announcements", on: app.db) == 1)
            #expect(try await rowCount("contact_messages", on: app.db) == 1)

            // The guardian sees both children's items under one login, reads, confirms and answers.
            let parent = try await Self.parentAccount(app, guardian: family.guardian, phone: family.phone, username: "bo.me.2b")
            let home = try await parent.get(Site.familyHome())
            let names = try await Self.names([family.pupil2B, family.other], app)
            #expect(home.status == .ok && home.body.contains("Họp phụ huynh đầu năm") && home.body.contains("Cần xác nhận"))
            for name in names { #expect(home.body.contains(name), "\(name) on the family's home page") }
            let announcement = try #require(try await AnnouncementRow.query(on: app.db).first()).id!
            let opened = try await parent.get(Site.familyAnnouncement(announcement))
            #expect(opened.status == .ok && opened.body.contains("Mời anh chị dự họp"))
            #expect(try await parent.post(Site.familyConfirm(announcement), []).status == .seeOther)
            let recipient = try #require(
                try await AnnouncementRecipientRow.query(on: app.db).filter(\.$guardianID == family.guardian.uuid).first())
            #expect(recipient.readAt != nil && recipient.confirmedAt != nil)
            let thread = try await parent.get(Site.familyConversation(family.pupil2B))
            #expect(thread.status == .ok && thread.body.contains("quên vở Tiếng Việt"))
            let replied = try await parent.post(Site.familyConversation(family.pupil2B), [("body", "Dạ, tối nay cháu sẽ bổ sung.")])
            #expect(replied.status == .seeOther)
            // A family cannot open another child's conversation or another family's announcement.
            let mine = Set(
                try await StudentGuardianRow.query(on: app.db).filter(\.$guardianID == family.guardian.uuid).all().map(\.studentID))
            let stranger = try #require(
                try await EnrollmentRow.query(on: app.db).filter(\.$classID == class2B.uuid).all().first { !mine.contains($0.studentID) }
            ).studentID
            #expect(try await parent.get(Site.familyConversation(StudentID(stranger))).status == .notFound)
            #expect(try await parent.post(Site.familyConversation(StudentID(stranger)), [("body", "Chào")]).status == .notFound)

            // The teacher sees the read receipt, the reply and the confirmation.
            let back = try await teacher.get(Site.conversation(family.pupil2B))
            #expect(back.status == .ok && back.body.contains("tối nay cháu sẽ bổ sung") && back.body.contains("Đã xem:"))
            #expect(try await teacher.get(Site.announcement(announcement)).body.contains("đã xác nhận 1"))
            #expect(!back.body.contains("Điều 11"), "the rules are not shown again after the first message")

            // The principal reads the conversation and every announcement without marking anything read.
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let reads = try await rowCount("contact_reads", on: app.db)
            let overseen = try await principal.get(Site.conversation(family.pupil2B))
            #expect(overseen.status == .ok && overseen.body.contains("tối nay cháu sẽ bổ sung") && overseen.body.contains("giám sát"))
            #expect(try await rowCount("contact_reads", on: app.db) == reads)
            #expect(try await principal.get(Site.contactBook()).body.contains("Họp phụ huynh đầu năm"))
            #expect(try await teacher.post(Site.announcementRetract(announcement), []).status == .seeOther)
            #expect(!(try await parent.get(Site.familyHome()).body.contains("Họp phụ huynh đầu năm")))
            #expect(try await parent.get(Site.familyAnnouncement(announcement)).status == .notFound)
            #expect(try await rowCount("announcements", on: app.db) == 1, "a retracted announcement is kept")
        }
    }

    static func classID(_ name: String, _ app: Application) async throws -> ClassID {
        let year = try #require(try await SchoolYearRow.query(on: app.db).filter(\.$isCurrent == true).first())
        return ClassID(try #require(try await ClassRow.query(on: app.db).filter(\.$yearID == year.id!).filter(\.$name == name).first()).id!)
    }

    static func names(_ ids: [StudentID], _ app: Application) async throws -> [String] {
        try await StudentRow.query(on: app.db).filter(\.$id ~~ ids.map(\.uuid)).all().map(\.name.full)
    }

    /// A guardian of a pupil attending 2B who also has a child attending another class.
    static func familyIn2BAndElsewhere(_ app: Application, class2B: ClassID) async throws -> Family {
        let attending = try await EnrollmentRow.query(on: app.db).filter(\.$leftOn == nil).all()
        let classOf = Dictionary(attending.map { ($0.studentID, $0.classID) }, uniquingKeysWith: { a, _ in a })
        let links = try await StudentGuardianRow.query(on: app.db).all()
        for (guardian, children) in Dictionary(grouping: links, by: \.guardianID) {
            let pupils = children.map(\.studentID)
            guard let in2B = pupils.first(where: { classOf[$0] == class2B.uuid }),
                let other = pupils.first(where: { classOf[$0] != nil && classOf[$0] != class2B.uuid }),
                let row = try await GuardianRow.find(guardian, on: app.db), !row.phone.isEmpty
            else { continue }
            return Family(guardian: GuardianID(guardian), phone: row.phone, pupil2B: StudentID(in2B), other: StudentID(other))
        }
        throw Abort(.notFound, reason: "the demo has no family with children in 2B and another class")
    }

    /// A signed-in parent account of `guardian`, opened with an invitation as a family opens it.
    static func parentAccount(_ app: Application, guardian: GuardianID, phone: String, username: String) async throws -> TestBrowser {
        let invitation = try await FamilyInvitations(database: app.db).invite(
            guardian, school: DemoSchool.schoolName, activationURL: Site.familyActivate(), by: .system())
        let parent = TestBrowser(app)
        let opened = try await parent.post(
            Site.familyActivate(),
            [
                ("code", invitation.code), ("contact", phone), ("username", username), ("password", "mat-khau-phu-huynh"),
                ("passwordConfirmation", "mat-khau-phu-huynh"),
            ])
        #expect(opened.status == .seeOther, "activation answered \(opened.status): \(opened.body.prefix(300))")
        return parent
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
