import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The clerk moves a pupil to another class, the principal records a transfer out, the homeroom teacher reads the
/// history; refusals come back next to the field with what was typed.
@Suite struct MovementsWebTests {
    @Test func theClerkChangesAClassAndThePrincipalRecordsATransferOut() async throws {
        try await withHoso { app in
            let (thiAnh, ko) = try await FamilyWebTests.pupils(app)
            let system = Caller.system()
            let classes = try await ClassService(database: app.db).list(by: system)
            let class1A = try #require(classes.first { $0.name == "1A" })
            let class1B = try #require(classes.first { $0.name == "1B" })
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            let roster = try await clerk.get(Site.roster(class1A.id))
            #expect(roster.body.contains(Site.movements(thiAnh)))
            let page = try await clerk.get(Site.movements(thiAnh))
            #expect(page.status == .ok)
            #expect(page.body.contains("Đang học lớp 1A, năm học 2026-2027"))
            #expect(!page.body.contains("value=\"transferOut\""), "a transfer out is the principal's")
            let refused = try await clerk.post(
                Site.movementClassChange(thiAnh), [("classID", class1B.id.description), ("date", "31/12/2030"), ("reason", "Ghép lớp")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Ngày phải trong năm học 2026-2027"))
            #expect(refused.body.contains("value=\"31/12/2030\""))
            #expect(refused.body.contains("value=\"Ghép lớp\""))
            let moved = try await clerk.post(Site.movementClassChange(thiAnh), [("classID", class1B.id.description), ("date", "01102026")])
            #expect(moved.status == .seeOther)
            let old = try await clerk.get(Site.roster(class1A.id))
            #expect(old.body.contains("Chuyển sang lớp 1B từ 01/10/2026"))
            #expect(old.body.contains("Lớp đang có 1 học sinh"))

            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let left = try await principal.post(
                Site.movementLeave(ko),
                [
                    ("kind", "transferOut"), ("date", "12/01/2027"), ("otherSchool", "Trường Tiểu học Kim Đồng"),
                    ("reason", "Đơn của gia đình"),
                ])
            #expect(left.status == .seeOther)
            let history = try await principal.get(Site.movements(ko))
            #expect(history.body.contains("12/01/2027: chuyển đến Trường Tiểu học Kim Đồng — Đơn của gia đình (ghi bởi Nguyễn Văn Minh)"))
            #expect(history.body.contains("Chuyển trường từ 12/01/2027"))
            #expect(history.body.contains(Site.transferLetter(ko)))
            let letter = try await principal.get(Site.transferLetter(ko))
            #expect(letter.status == .ok)
            #expect(letter.headers.contentType == .pdf)
            let text = try Poppler.text(try Poppler.write(letter.bytes, name: "transfer-letter"))
            #expect(text.contains("GIẤY GIỚI THIỆU CHUYỂN TRƯỜNG"))
            #expect(text.contains("Trường Tiểu học Kim Đồng") && text.contains("12/01/2027") && text.contains("Y Kŏ Êban"))
            #expect(try await principal.get(Site.transferLetter(thiAnh)).status == .notFound, "no transfer, no letter")

            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            let read = try await teacher.get(Site.movements(ko))
            #expect(read.status == .ok)
            #expect(!read.body.contains(Site.movementLeave(ko)), "the teacher reads, the clerk and the principal write")
            #expect(try await teacher.post(Site.movementReturn(ko), [("date", "13/01/2027")]).status == .forbidden)
        }
    }
}
