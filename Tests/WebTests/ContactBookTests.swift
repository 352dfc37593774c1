import Fluent
import Foundation
import SQLKit
import TestSupport
import Testing
import Vapor

@testable import Records
@testable import Web

/// The contact book's domain on the demo school: the audience of the school (each guardian once, siblings in two
/// classes too) and of a class; a teacher of 2A refused 2B, a group with a 2B pupil and the school (nothing stored);
/// a conversation about a 2A pupil both ways with read receipts; the family's feed across its children.
@Suite struct ContactBookTests {
    struct Count: Decodable { let n: Int }

    @Test func audienceScopeConversationAndFeed() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            _ = try await DemoPupils(database: app.db).seed()
            let sql = try #require(app.db as? any SQLDatabase)
            let book = ContactBook(database: app.db)
            let expected = try #require(
                try await sql.raw(
                    """
                    SELECT COUNT(DISTINCT sg.guardian_id) AS n FROM student_guardians sg
                    JOIN enrollments e ON e.student_id = sg.student_id JOIN school_years y ON y.id = e.year_id
                    WHERE y.is_current = \(bind: true) AND e.left_on IS NULL
                    """
                ).first(decoding: Count.self)
            ).n
            let school = try await book.preview(.school, by: .system())
            #expect(school.families.count == expected && school.pupils > 400)
            #expect(school.families.contains { $0.children.count >= 2 }, "a guardian of siblings is counted once")
            let year = try #require(try await SchoolYearRow.query(on: app.db).filter(\.$isCurrent == true).first())
            let classes = try await ClassRow.query(on: app.db).filter(\.$yearID == year.id!).all()
            let class2A = ClassID(try #require(classes.first { $0.name == "2A" }).id!)
            let class2B = ClassID(try #require(classes.first { $0.name == "2B" }).id!)
            let account = try #require(try await AccountRow.query(on: app.db).filter(\.$username == "gvcn.2a").first())
            let teacher = Caller(
                accountID: AccountID(account.id!), displayName: account.name.full, grants: Grants(homeroomClasses: [class2A]))

            let pupil2B = try #require(
                try await EnrollmentRow.query(on: app.db).filter(\.$classID == class2B.uuid).filter(\.$leftOn == nil).first()
            ).studentID
            for audience in [Audience.class(class2B), .school, .grade(2), .group([StudentID(pupil2B)])] {
                await #expect(throws: RecordsError.forbidden) {
                    try await book.announce(.init(audience: audience, title: "Họp phụ huynh", body: "Tối thứ Sáu."), by: teacher)
                }
            }
            #expect(try await rowCount("announcements", on: app.db) == 0)
            let own = try await book.preview(.class(class2A), by: teacher)
            let sent = try await book.announce(
                .init(
                    audience: .class(class2A), title: "Họp phụ huynh", body: "Tối thứ Sáu, 19 giờ.",
                    replyBy: SchoolDate(Date()).adding(days: 3)),
                by: teacher)
            #expect(sent.families == own.families.count && own.label == "Lớp 2A")
            #expect(try await rowCount("announcement_recipients", on: app.db) == own.families.count)

            // A conversation about a 2A pupil: the teacher writes, the guardian reads and answers.
            let pupil = try #require(
                try await EnrollmentRow.query(on: app.db).filter(\.$classID == class2A.uuid).filter(\.$leftOn == nil).first()
            ).studentID
            let link = try #require(try await StudentGuardianRow.query(on: app.db).filter(\.$studentID == pupil).first())
            let parentAccount = try #require(try await AccountRow.query(on: app.db).filter(\.$username == "gvbm.tienganh").first())
            let joined = GuardianAccountRow()
            joined.guardianID = link.guardianID
            joined.accountID = parentAccount.id!
            joined.createdAt = Timestamps.storage(Date())
            try await joined.create(on: app.db)
            let parent = Caller.family(account: AccountID(parentAccount.id!), displayName: "Phụ huynh Thử", address: nil)
            try await book.write("Cháu hôm nay quên vở.", about: StudentID(pupil), by: teacher)
            await #expect(throws: RecordsError.notFound) { try await book.write("Chào", about: StudentID(pupil2B), by: teacher) }
            var feed = try await book.feed(by: parent)
            #expect(feed.contains { $0.kind == .announcement && $0.unread && $0.needsConfirmation })
            #expect(feed.contains { $0.kind == .conversation && $0.unread })
            let seen = try await book.conversation(StudentID(pupil), by: parent)
            #expect(seen.messages.count == 1 && !seen.messages[0].fromFamily)
            try await book.write("Cảm ơn cô, tối nay cháu sẽ bổ sung.", about: StudentID(pupil), by: parent)
            _ = try await book.announcement(sent.id, by: parent)
            try await book.confirm(sent.id, by: parent)
            feed = try await book.feed(by: parent)
            #expect(!feed.contains { $0.unread })
            let thread = try await book.conversation(StudentID(pupil), by: teacher)
            #expect(thread.messages.map(\.fromFamily) == [false, true])
            #expect(thread.messages[0].readBy.first?.hasPrefix("Phụ huynh Thử lúc") == true)
            await #expect(throws: RecordsError.notFound) { try await book.conversation(StudentID(pupil2B), by: parent) }
            let summary = try await book.conversations(class: class2A, by: .system())
            #expect(summary.count == 1 && summary[0].awaitingReply)
            let report = try await book.sent(by: .system())
            #expect(report.first?.read == 1 && report.first?.confirmed == 1)
            try await book.retract(sent.id, by: teacher)
            #expect(!(try await book.feed(by: parent)).contains { $0.kind == .announcement })
            #expect(try await rowCount("announcements", on: app.db) == 1, "retracted, kept")
        }
    }
}
