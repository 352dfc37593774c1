import Admissions
import Foundation
import Records
import Testing

@testable import Web

@Suite struct CampaignFormTests {
    @Test func optionalDocumentsAndGroupsStayOptionalWhenTheFormIsSavedAgain() throws {
        let documents = [
            RequiredDocument(code: "KS", name: "Bản sao giấy khai sinh", mandatory: true),
            RequiredDocument(code: "CT", name: "Giấy xác nhận cư trú", mandatory: false),
        ]
        let groups = [
            PriorityGroup(code: "DT1", name: "Trẻ trong địa bàn", guaranteed: true),
            PriorityGroup(code: "DT2", name: "Trẻ ngoài địa bàn", guaranteed: false),
        ]
        #expect(CampaignForm.says("bắt buộc", "bat buoc"))
        #expect(CampaignForm.says("BAT BUOC", "bat buoc"))
        #expect(!CampaignForm.says("không bắt buộc", "bat buoc"))
        #expect(!CampaignForm.says("khong bat buoc", "bat buoc"))
        #expect(!CampaignForm.says("không bảo đảm", "bao dam"))
        var values = CampaignForm.defaults(today: SchoolDate(year: 2026, month: 11, day: 29)!)
        values["documents"] = CampaignForm.formText(documents)
        values["priorityGroups"] = CampaignForm.formText(groups)
        let form = CampaignForm(
            title: values["title"], schoolYearName: values["schoolYearName"], birthYear: values["birthYear"],
            classes: "2", placesPerClass: "35", codesFrom: values["codesFrom"], applyFrom: values["applyFrom"],
            applyUntil: values["applyUntil"], reviewUntil: values["reviewUntil"], resultsAt: values["resultsAt"],
            confirmBy: values["confirmBy"], approver: "UBND phường", deskPhone: "024 3825 1234", isTrial: nil,
            priorityGroups: values["priorityGroups"], documents: values["documents"], catchment: "", version: "0",
            impactReason: nil)
        let draft = try form.draft(province: "01").get()
        #expect(draft.requiredDocuments == documents)
        #expect(draft.priorityGroups == groups)
    }
}
