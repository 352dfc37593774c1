import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The homeroom teacher of 3A updates a pupil's profile at the start of the year; the change waits for the
/// principal, and another class's teacher cannot touch it.
@Suite struct PupilProfileWebTests {
    @Test func theHomeroomTeacherSendsAProfileChangeThatThePrincipalApproves() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            _ = try await DemoPupils(database: app.db).seed()
            let system = Caller.system()
            let year = try await SchoolService(database: app.db).currentYear()
            let class3A = try #require(try await ClassService(database: app.db).list(year: year.id, by: system).first { $0.name == "3A" })
            let pupil = try #require(try await RosterService(database: app.db).roster(class: class3A.id, by: system).lines.first)
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.3a", DemoSchool.password)
            let page = try await teacher.get(Site.registerEntry(pupil.studentID))
            #expect(page.status == .ok)
            #expect(page.body.contains("Đề nghị sửa (hiệu trưởng duyệt)"))
            let entry = try #require(try await RegisterService(database: app.db).entry(for: pupil.studentID, by: system))
            let d = entry.details
            var fields: [(String, String)] = [
                ("family", d.name.family), ("middle", d.name.middle), ("given", d.name.given), ("birthDate", d.birthDate.display),
                ("sex", d.sex.rawValue), ("personalID", d.personalID), ("hometown", "Xã Hòa Phong, tỉnh Đắk Lắk"),
                ("fatherName", d.fatherName), ("motherName", d.motherName), ("guardianName", d.guardianName),
                ("placeOfBirth", d.placeOfBirth), ("address", d.address), ("ethnicity", d.ethnicity), ("notes", d.notes),
                ("version", String(entry.version)),
            ]
            // Without a reason the form comes back filled, the error next to the field.
            let refused = try await teacher.post(Site.registerCorrectionRequest(pupil.studentID), fields + [("reason", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("field-reason-error") && refused.body.contains("Xã Hòa Phong, tỉnh Đắk Lắk"))
            fields.append(("reason", "Phiếu thông tin đầu năm của gia đình"))
            let sent = try await teacher.post(Site.registerCorrectionRequest(pupil.studentID), fields)
            #expect(sent.status == .seeOther)
            let pending = try await RegisterService(database: app.db).pendingCorrections(by: system)
            #expect(pending.map(\.changedFields) == [["Quê quán"]])

            // The homeroom teacher of 3B sees neither the entry nor the form.
            let other = TestBrowser(app)
            try await other.login("gvcn.3b", DemoSchool.password)
            #expect(try await other.get(Site.registerEntry(pupil.studentID)).status == .forbidden)
            #expect(try await other.post(Site.registerCorrectionRequest(pupil.studentID), fields).status == .forbidden)

            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let approved = try await principal.post(Site.correctionApprove(try #require(pending.first).id), [("note", "")])
            #expect(approved.status == .seeOther)
            let after = try await RegisterService(database: app.db).entry(for: pupil.studentID, by: system)
            #expect(after?.details.hometown == "Xã Hòa Phong, tỉnh Đắk Lắk")
        }
    }
}
