import Fluent
import Foundation
import TestSupport
import Testing
import Vapor

@testable import Records
@testable import Web

/// What the contact book puts in the outbox: an announcement to 2B by email to each family with an address (free,
/// the default) and by a short unaccented SMS with the link to the one family that chose it; a scheduled one waits
/// for its time; a retraction gives up what was not sent; the sender sees each family's delivery; a school message
/// reaches the child's guardians, a parent's reply does not go out; the family's channel settings refuse email
/// without an address next to the field.
@Suite struct ContactDeliveryWebTests {
    @Test func announcementsAndMessagesReachFamiliesByTheChannelsTheyChose() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            _ = try await DemoPupils(database: app.db).seed()
            let class2B = try await ContactWebTests.classID("2B", app)
            let family = try await ContactWebTests.familyIn2BAndElsewhere(app, class2B: class2B)
            let guardian = try #require(try await GuardianRow.find(family.guardian.uuid, on: app.db))
            guardian.email = ""
            try await guardian.update(on: app.db)
            let parent = try await ContactWebTests.parentAccount(app, guardian: family.guardian, phone: family.phone, username: "bo.me.2b")

            // The family's channels: email without an address is refused next to the field, nothing stored.
            let settings = try await parent.get(Site.familyChannels())
            #expect(settings.status == .ok && settings.body.contains("nhà trường chưa có địa chỉ email"))
            let refused = try await parent.post(Site.familyChannels(), [("email", "1"), ("sms", "1")])
            #expect(refused.status == .unprocessableEntity && refused.body.contains("Nhà trường chưa có địa chỉ email của anh/chị"))
            #expect(try await rowCount("contact_preferences", on: app.db) == 0)
            #expect(try await parent.post(Site.familyChannels(), [("sms", "1")]).status == .seeOther)
            let chosen = try #require(try await ContactPreferenceRow.query(on: app.db).first())
            #expect(!chosen.email && chosen.sms && !chosen.zalo)

            // Two other families of 2B have an email address (the demo's guardians have none).
            let audience = try await ContactBook(database: app.db).preview(.class(class2B), by: .system()).families
            for (index, other) in audience.filter({ $0.guardianID != family.guardian }).prefix(2).enumerated() {
                let row = try #require(try await GuardianRow.find(other.guardianID.uuid, on: app.db))
                row.email = "phuhuynh\(index)@example.vn"
                try await row.update(on: app.db)
            }
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.2b", DemoSchool.password)
            let announcement = try await Self.announce(teacher, class2B, title: "Họp phụ huynh đầu năm", app)
            let source = "announcement:\(announcement)"
            let messages = try await OutboxRow.query(on: app.db).filter(\.$source == source).all()
            let withEmail = try await GuardianRow.query(on: app.db).filter(\.$id ~~ audience.map(\.guardianID.uuid)).filter(\.$email != "")
                .count()
            #expect(messages.filter { $0.channel == "email" }.count == withEmail && withEmail == 2)
            let sms = try #require(messages.first { $0.channel == "sms" })
            #expect(messages.filter { $0.channel == "sms" }.count == 1 && sms.recipient == family.phone)
            #expect(sms.guardianID == family.guardian.uuid && sms.body.hasPrefix("Thong bao: Hop phu huynh dau nam http"))
            #expect(sms.body.hasSuffix(Site.familyAnnouncement(announcement)) && sms.body.count <= 160)
            let email = try #require(messages.first { $0.channel == "email" })
            #expect(email.subject == "Họp phụ huynh đầu năm" && email.body.contains("Mời anh chị dự họp lúc 19 giờ"))
            #expect(email.body.contains(Site.familyAnnouncement(announcement)))

            // The sender follows each family's delivery; the outbox sends what is due.
            _ = try await app.domain.outbox.deliver(through: RecordingChannel("email"))
            let page = try await teacher.get(Site.announcement(announcement))
            #expect(page.status == .ok && page.body.contains("Gửi qua email, SMS, Zalo") && page.body.contains("Đã gửi"))
            #expect(page.body.contains("Chờ gửi") && page.body.contains(Masked.phone(family.phone)))
            #expect(!page.body.contains(family.phone), "addresses are masked on the sender's page")

            // A scheduled announcement waits for its time; retracted, what was not sent is given up.
            let later = try await Self.announce(teacher, class2B, title: "Nghỉ lễ", sendAt: "31/12/2099 07:30", app)
            let waiting = try await OutboxRow.query(on: app.db).filter(\.$source == "announcement:\(later)").all()
            #expect(!waiting.isEmpty && waiting.allSatisfy { ($0.nextAttemptAt ?? 0) > Date().timeIntervalSince1970 + 86_400 })
            #expect(try await app.domain.outbox.deliver(through: RecordingChannel("email")) == 0)
            #expect(try await teacher.post(Site.announcementRetract(later), []).status == .seeOther)
            let given = try await OutboxRow.query(on: app.db).filter(\.$source == "announcement:\(later)").all()
            #expect(given.allSatisfy { $0.failedAt != nil && $0.lastError == "Thông báo đã thu hồi trước khi gửi" })

            // The school's message goes to the child's guardians; the parent's reply does not go out.
            let before = try await rowCount("outbox_messages", on: app.db)
            #expect(try await teacher.post(Site.conversation(family.pupil2B), [("body", "Cháu quên vở.")]).status == .seeOther)
            let note = try #require(
                try await OutboxRow.query(on: app.db).filter(\.$channel == "sms").all().first { $0.source?.hasPrefix("message:") == true })
            #expect(note.recipient == family.phone && note.body.hasSuffix(Site.familyConversation(family.pupil2B)))
            let afterTeacher = try await rowCount("outbox_messages", on: app.db)
            #expect(afterTeacher > before)
            #expect(try await parent.post(Site.familyConversation(family.pupil2B), [("body", "Dạ.")]).status == .seeOther)
            #expect(try await rowCount("outbox_messages", on: app.db) == afterTeacher)
        }
    }

    /// Sends an announcement to `schoolClass` through the compose page (preview, then send) and returns its id.
    static func announce(_ teacher: TestBrowser, _ schoolClass: ClassID, title: String, sendAt: String = "", _ app: Application)
        async throws -> UUID
    {
        let fields = [
            ("audience", "class:\(schoolClass)"), ("title", title), ("body", "Mời anh chị dự họp lúc 19 giờ thứ Sáu."), ("sendAt", sendAt),
        ]
        let preview = try await teacher.post(Site.announcementNew(), fields + [("step", "preview")])
        let token = try #require(ContactWebTests.hidden("previewed", in: preview.body))
        let sent = try await teacher.post(Site.announcementNew(), fields + [("step", "send"), ("previewed", token)])
        #expect(sent.status == .seeOther, "\(sent.status): \(sent.body.prefix(300))")
        return try #require(try await AnnouncementRow.query(on: app.db).filter(\.$title == title).first()).id!
    }
}
