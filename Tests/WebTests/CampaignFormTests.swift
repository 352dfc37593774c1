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
        let values = CampaignForm.defaults(today: SchoolDate(year: 2026, month: 11, day: 29)!)
        let shown = CampaignFormRow.rows(groups)
        #expect(shown.count == 4 && shown.map(\.position) == [1, 2, 3, 4] && shown[3].isBlank, "two spare rows to add to")
        let form = CampaignForm(
            title: values["title"], schoolYearName: values["schoolYearName"], birthYear: values["birthYear"],
            classes: "2", placesPerClass: "35", codesFrom: values["codesFrom"], applyFrom: values["applyFrom"],
            applyUntil: values["applyUntil"], reviewUntil: values["reviewUntil"], resultsAt: values["resultsAt"],
            confirmBy: values["confirmBy"], approver: "UBND phường", deskPhone: "024 3825 1234", isTrial: nil,
            groupCode: shown.map(\.code), groupName: shown.map(\.name),
            groupKind: shown.map { $0.flag ? "guaranteed" : "ordered" },
            documentCode: ["ks", "CT", ""], documentName: ["Bản sao giấy khai sinh", "Giấy xác nhận cư trú", ""],
            documentKind: ["mandatory", "optional", "mandatory"], catchment: "", version: "0", impactReason: nil)
        let draft = try form.draft(province: "01").get()
        #expect(draft.requiredDocuments == documents, "codes upper-cased, blank rows dropped, the kind kept per row")
        #expect(draft.priorityGroups == groups)

        var broken = form
        broken.groupCode = ["DT1", "", "DT1"]
        broken.groupName = ["Trẻ trong địa bàn", "Trẻ khác", "Trẻ ngoài"]
        broken.groupKind = ["guaranteed", "ordered", "ordered"]
        guard case .failure(let problems) = broken.draft(province: "01") else {
            Issue.record("a row without a code and a repeated code are refused")
            return
        }
        #expect(problems.byField["priorityGroups"]?.contains("dòng 2") == true)
        broken.groupCode = ["DT1", "DT2", "DT1"]
        guard case .failure(let repeated) = broken.draft(province: "01") else {
            Issue.record("a repeated code is refused")
            return
        }
        #expect(repeated.byField["priorityGroups"] == "Mã nhóm DT1 bị trùng.")
        #expect(broken.rowsToShow.groups.map(\.name).prefix(3) == ["Trẻ trong địa bàn", "Trẻ khác", "Trẻ ngoài"])
    }
}
