import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// The campaign form as the principal uses it: groups and documents as rows, and a cut in places after families
/// applied needing a recorded reason.
@Suite struct CampaignFormWebTests {
    /// The edit form's fields for `campaign` with the given rows and places, as the browser posts them.
    static func fields(
        _ campaign: Campaign, groups: [(String, String, String)], documents: [(String, String, String)], classes: Int,
        reason: String = ""
    ) -> [(String, String)] {
        var values = CampaignForm.values(of: campaign)
        values["classes"] = String(classes)
        values["impactReason"] = reason
        var fields = values.map { ($0.key, $0.value) }
        for (code, name, kind) in groups { fields += [("groupCode[]", code), ("groupName[]", name), ("groupKind[]", kind)] }
        for (code, name, kind) in documents {
            fields += [("documentCode[]", code), ("documentName[]", name), ("documentKind[]", kind)]
        }
        return fields
    }

    @Test func groupsAndDocumentsAreRowsAndCuttingPlacesAfterApplicationsNeedsAReason() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let campaign = try #require(try await CampaignService(database: app.db).current())
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            let path = Site.campaignEdit(campaign.id)
            let form = try await principal.get(path)
            #expect(form.status == .ok)
            #expect(form.body.contains(#"name="groupCode[]" value="\#(campaign.priorityGroups[0].code)""#), "a group per row")
            #expect(!form.body.contains("<textarea id=\"field-priorityGroups\""), "no pipe-separated text")

            let documents = campaign.requiredDocuments.map { ($0.code, $0.name, $0.mandatory ? "mandatory" : "optional") }
            var groups = campaign.priorityGroups.map { ($0.code, $0.name, $0.guaranteed ? "guaranteed" : "ordered") }
            groups.append(("DT9", "Trẻ có anh chị đang học tại trường", "ordered"))
            groups.append(("", "", "ordered"))
            let added = try await principal.post(
                path, Self.fields(campaign, groups: groups, documents: documents, classes: campaign.classes + 1))
            #expect(added.status == .seeOther, "adding a group and places before any application needs no reason")
            var stored = try await CampaignService(database: app.db).get(campaign.id, by: .system())
            #expect(stored.priorityGroups.last == PriorityGroup(code: "DT9", name: "Trẻ có anh chị đang học tại trường", guaranteed: false))
            #expect(stored.classes == campaign.classes + 1)

            _ = try await appliedFamily(app, samples[0])
            let cut = try await principal.post(path, Self.fields(stored, groups: groups, documents: documents, classes: 1))
            #expect(cut.status == .unprocessableEntity)
            #expect(cut.body.contains("giảm chỉ tiêu từ \(stored.places) xuống \(stored.placesPerClass)"))
            #expect(cut.body.contains(#"value="DT9""#), "the rows typed come back")
            #expect(try await CampaignService(database: app.db).get(campaign.id, by: .system()).classes == stored.classes)

            let decided = try await principal.post(
                path,
                Self.fields(stored, groups: groups, documents: documents, classes: 1, reason: "UBND phường giao lại chỉ tiêu 1 lớp"))
            #expect(decided.status == .seeOther)
            stored = try await CampaignService(database: app.db).get(campaign.id, by: .system())
            #expect(stored.classes == 1)
            let audit = try await AuditLog(database: app.db).entries(.init(entity: "campaign"), by: .system())
            #expect(audit.contains { $0.event.summary.hasSuffix("UBND phường giao lại chỉ tiêu 1 lớp") })
        }
    }
}
