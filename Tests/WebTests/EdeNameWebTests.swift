import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// Ê Đê names keep their order from the kindergarten list through the portal: H'Hen Niê applies without a
/// "correction", her receipt says "H'Hen Niê", and the desk finds her by "hen nie" or "Niê H'Hen"; a name a list wrote
/// the Kinh way (Y Kŏ Êban split as family "Y") is found by "ko eban" too.
@Suite struct EdeNameWebTests {
    @Test func hHenNieAppliesAsListedAndIsFoundInEitherOrder() async throws {
        try await withHoso { app in
            _ = try await seedDemoCampaign(app)
            let campaign = try #require(try await app.domain.campaigns.current())
            let lists = app.domain.lists
            let hen = try await lists.addChild(
                ChildEntry(
                    name: PersonName(family: "Niê", given: "H'Hen", familyLast: true), birthDate: SchoolDate(year: 2021, month: 4, day: 4),
                    gender: .female, parentName: "Y Moan Êban", parentPhone: "0905111222"),
                to: campaign.id, kindergarten: nil, by: .system())
            _ = try await lists.addChild(
                ChildEntry(
                    name: PersonName(kinhFullName: "Y Kŏ Êban"), birthDate: SchoolDate(year: 2021, month: 6, day: 1), gender: .male),
                to: campaign.id, kindergarten: nil, by: .system())
            let code = try #require(hen.code)

            let parent = TestBrowser(app)
            _ = try await parent.post(Site.portal(), [("code", code.display), ("birthDate", "04/04/2021")])
            let form = try await parent.get(Site.portalApplication())
            #expect(form.body.contains(#"name="childFamilyLast" value="true" checked"#), "the list's order is on the form")
            #expect(form.body.contains(#"<option value="Kinh">Kinh</option>"#), "nobody is assumed to be Kinh")
            let ethnicitySelect = form.body.components(separatedBy: #"name="childEthnicity""#).last?.components(separatedBy: "</select>")
                .first
            #expect(ethnicitySelect?.contains(" selected") == false, "no group is chosen before the family chooses")
            _ = try await parent.upload(
                Site.portalDocuments(), [("kind", "KS")], file: ("file", "ks.pdf", SampleUploads.birthCertificatePDF))
            let fields: [(String, String)] = [
                ("childFamily", "Niê"), ("childMiddle", ""), ("childGiven", "H'Hen"), ("childFamilyLast", "true"),
                ("childBirthDate", "04/04/2021"), ("childGender", "female"), ("childEthnicity", "Ê Đê"),
                ("childPlaceOfBirth", "Buôn Hồ, Đắk Lắk"), ("motherName", "H'Ngơn Niê"),
                ("motherPhone", "0905111222"), ("residenceKind", "permanent"), ("residenceUnit", "00070|Tổ 1"),
                ("addressLine", "Buôn Ea Drông"), ("consent", "true"), ("action", "submit"),
            ]
            let submitted = try await parent.post(Site.portalApplication(), fields)
            #expect(submitted.status == .seeOther, "no correction reason is asked: \(submitted.body.prefix(0))")
            let edit = try await parent.get(Site.portalApplication() + "?sua=1")
            #expect(edit.body.contains(#"<option value="Ê Đê" selected>Ê Đê</option>"#), "the chosen group comes back selected")
            #expect(edit.body.components(separatedBy: "<option value=\"").count - 1 >= 55, "every group is offered")
            let receipt = try await parent.get(Site.portalReceipt())
            #expect(receipt.body.contains("H&#39;Hen Niê") || receipt.body.contains("H'Hen Niê"))
            #expect(!receipt.body.contains("Niê H"))
            let stored = try await app.domain.applications.load(try await parent.portalAccess(app))
            #expect(stored.application?.form.childName.full == "H'Hen Niê")

            let desk = TestBrowser(app)
            try await desk.login("thuongtruc", DemoSchool.password)
            for query in ["hen nie", "Niê H'Hen", "nie hhen", "H'Hen"] {
                let found = try await desk.get(Site.desk(query: ["q": query]))
                #expect(found.body.contains(code.display), "the desk finds H'Hen Niê by “\(query)”")
            }
            let ko = try await desk.get(Site.desk(query: ["q": "ko eban"]))
            #expect(ko.body.contains("Êban"), "the desk finds Y Kŏ Êban by “ko eban”")
        }
    }
}
