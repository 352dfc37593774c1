import FluentKit
import Foundation
import Records
import TestSupport
import Testing

@testable import Admissions

/// The register's official fields (dân tộc, mã định danh, nơi sinh) are asked on the application form and carried
/// into the register; ethnicity is never assumed; the clerk completes what older applications lack for all admitted
/// children on one page before conversion.
@Suite struct RegisterFieldsTests {
    @Test func theFormAsksWhatTheRegisterNeedsAndNeverAssumesKinh() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            #expect(ApplicationForm.prefilled(from: p.child).childEthnicity == "", "nobody is Kinh until the family says so")
            var form = p.completeForm
            form.childEthnicity = ""
            form.childPlaceOfBirth = ""
            form.childPersonalID = "001100000001"  // a woman born in 1900, not a child born in 2021
            let refused = try #require(form.problems(for: p.campaign, listed: p.child).byField)
            #expect(refused["childEthnicity"] == "Vui lòng chọn dân tộc của trẻ, như ghi trong giấy khai sinh.")
            #expect(refused["childPlaceOfBirth"] == "Vui lòng ghi nơi sinh của trẻ, như trong giấy khai sinh.")
            #expect(refused["childPersonalID"]?.contains("không khớp với năm sinh") == true, "\(refused)")
            form.childEthnicity = "Người sao Hỏa"
            #expect(form.problems(for: p.campaign, listed: p.child).byField["childEthnicity"] == "Vui lòng chọn dân tộc trong danh sách.")

            // Typed as people type it, stored as the list spells it.
            #expect(ApplicationForm(childEthnicity: "ê-đê").childEthnicity == "Ê Đê")
            #expect(ApplicationForm(childEthnicity: "H'Mông").childEthnicity == "Mông")
            #expect(ApplicationForm(childPersonalID: "066 321 000 123").childPersonalID == "066321000123")
            #expect(Ethnicity.names.count == 54)
            #expect(Ethnicity.isMinority("Ê Đê") && !Ethnicity.isMinority("Kinh") && !Ethnicity.isMinority(""))
            #expect(PersonalID.problem("066321000123", birthYear: 2021, sex: .female) == nil)
            #expect(PersonalID.problem("066221000123", birthYear: 2021, sex: .female)?.contains("giới tính Nữ") == true)
            #expect(PersonalID.problem("06632100012", birthYear: 2021, sex: .female) == "gồm đúng 12 chữ số")
        }
    }

    @Test func theClerkCompletesWhatOlderApplicationsLackForEveryChildAtOnce() async throws {
        try await TestDatabase.withFresh { db in
            let (p, _) = try await ConversionTests.ready(db, applicants: 3, classes: ["1A"])
            let clerk = try await p.fixture.caller(try await p.fixture.staff("vanthu", "Lê Thị Mai", roles: [.clerk]))
            let conversion = ConversionService(database: db, clock: p.fixture.clock.function)
            // Two applications were sent before the form asked for ethnicity and birthplace.
            let candidates = try await conversion.candidates(p.campaign.id, by: clerk)
            #expect(candidates.count >= 2)
            for candidate in candidates.prefix(2) {
                let row = try #require(try await ApplicationRow.find(candidate.applicationID.uuid, on: db))
                var json = try #require(try JSONSerialization.jsonObject(with: Data(row.formJSON.utf8)) as? [String: Any])
                for key in ["childEthnicity", "childPlaceOfBirth", "childPersonalID", "childHometown"] { json[key] = nil }
                row.formJSON = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
                try await row.update(on: db)
            }
            let waiting = try await conversion.candidates(p.campaign.id, by: clerk)
            #expect(waiting.filter(\.details.isIncomplete).count == 2)
            let proposal = try await conversion.propose(p.campaign.id, keepKindergartensTogether: false, by: clerk)
            await #expect(throws: FieldProblems.self, "the register is not written with blanks") {
                try await conversion.commit(p.campaign.id, assignments: proposal, by: clerk)
            }

            // One wrong ID among the completions: every problem is named, and nothing is written.
            let (first, second) = (waiting[0], waiting[1])
            let wrongID = ChildDetails(ethnicity: "Ê Đê", personalID: "123", placeOfBirth: "Buôn Hồ, Đắk Lắk")
            do {
                try await conversion.complete(
                    p.campaign.id,
                    details: [
                        first.applicationID: wrongID, second.applicationID: ChildDetails(ethnicity: "", personalID: "", placeOfBirth: ""),
                    ],
                    by: clerk)
                Issue.record("the completion with problems was accepted")
            } catch let problems as FieldProblems {
                let fields = Set(problems.list.map(\.field))
                #expect(fields.contains("personalID-\(first.applicationID)"))
                #expect(fields.contains("ethnicity-\(second.applicationID)") && fields.contains("placeOfBirth-\(second.applicationID)"))
                #expect(problems.list.allSatisfy { $0.message.hasPrefix(first.name) || $0.message.hasPrefix(second.name) })
            }
            #expect(try await conversion.candidates(p.campaign.id, by: clerk).filter(\.details.isIncomplete).count == 2)

            let completed = [
                first.applicationID: ChildDetails(ethnicity: "ede", personalID: "", placeOfBirth: "Buôn Hồ, Đắk Lắk"),
                second.applicationID: ChildDetails(ethnicity: "Kinh", personalID: "", placeOfBirth: "Hà Nội"),
            ]
            try await conversion.complete(p.campaign.id, details: completed, by: clerk)
            let pupils = try await conversion.commit(p.campaign.id, assignments: proposal, by: clerk)
            #expect(pupils.count == waiting.count)
            let register = RegisterService(database: db, clock: p.fixture.clock.function)
            let principal = try await p.fixture.principalCaller()
            let lines = try await register.book(year: pupils[0].entry.yearID, by: principal).lines
            let ede = try #require(lines.first { $0.entry.details.name.full == first.name }?.entry.details)
            #expect(ede.ethnicity == "Ê Đê" && ede.placeOfBirth == "Buôn Hồ, Đắk Lắk")
            let audit = try await AuditLog(database: db).entries(.init(entity: "application"), limit: nil, by: principal)
            #expect(audit.filter { $0.event.action == "application.complete" }.count == 2, "who completed which application is recorded")
        }
    }
}
