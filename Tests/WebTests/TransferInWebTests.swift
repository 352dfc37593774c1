import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The clerk receives a pupil from another school: refused without the dossier (the form refilled), then written
/// into the register with the school left, placed in the class, and on the pupil's history.
@Suite struct TransferInWebTests {
    @Test func theClerkReceivesAPupilWithTheDossier() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let system = Caller.system()
            let class3A = try #require(try await ClassService(database: app.db).list(by: system).first { $0.name == "3A" })
            let clerk = TestBrowser(app)
            try await clerk.login("vanthu", DemoSchool.password)
            #expect(try await clerk.get(Site.corrections()).body.contains(Site.transferIn()))
            let page = try await clerk.get(Site.transferIn())
            #expect(page.status == .ok && page.body.contains("Lớp 3A"))
            var fields: [(String, String)] = [
                ("family", "Niê"), ("middle", ""), ("given", "H'Hen"), ("familyLast", "on"), ("birthDate", "05032018"), ("sex", "female"),
                ("ethnicity", "Ê Đê"), ("motherName", "H'Blơ Niê"), ("motherPhone", "0987000222"), ("classID", class3A.id.description),
                ("date", "04/01/2027"), ("previousSchool", "Trường Tiểu học Hòa Thắng"), ("dossier[]", "transcript"),
            ]
            let refused = try await clerk.post(Site.transferIn(), fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Chưa nhận đủ hồ sơ: Giấy giới thiệu chuyển trường."))
            #expect(refused.body.contains("value=\"Trường Tiểu học Hòa Thắng\"") && refused.body.contains("value=\"05032018\""))
            #expect(try await rowCount("register_entries", on: app.db) == 0, "nothing written")
            fields.append(("dossier[]", "letter"))
            let received = try await clerk.post(Site.transferIn(), fields)
            #expect(received.status == .seeOther)
            let year = try await SchoolService(database: app.db).currentYear()
            let line = try #require(try await RegisterService(database: app.db).book(year: year.id, by: system).lines.first)
            let details = line.entry.details
            #expect(details.route == .transferIn && details.previousSchool == "Trường Tiểu học Hòa Thắng")
            #expect(details.entryDate.iso == "2027-01-04" && details.entryGrade == 3 && line.className == "3A")
            #expect(details.notes.contains("Học bạ (bản chính), Giấy giới thiệu chuyển trường"))
            let history = try await clerk.get(Site.movements(line.entry.studentID))
            #expect(history.body.contains("04/01/2027: chuyển đến từ Trường Tiểu học Hòa Thắng, vào lớp 3A"))
            #expect(try await clerk.get(Site.roster(class3A.id)).body.contains("Hen Niê"), "the clan name written last")
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get(Site.transferIn()).status == .forbidden)
        }
    }
}
