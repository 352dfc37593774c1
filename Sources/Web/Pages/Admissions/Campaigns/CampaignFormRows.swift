import Admissions
import Records

/// One row of the campaign form's priority groups or required documents, as typed or as stored.
struct CampaignFormRow: Encodable, Equatable {
    var code: String
    var name: String
    /// Guaranteed (a group) or mandatory (a document).
    var flag: Bool
    /// The row's number on the page, from 1.
    var position = 0

    var isBlank: Bool { code.isEmpty && name.isEmpty }

    /// Blank rows added under the stored ones, so a group or document is added without a script.
    static let spare = 2

    static func withSpares(_ rows: [CampaignFormRow]) -> [CampaignFormRow] {
        (rows + Array(repeating: CampaignFormRow(code: "", name: "", flag: false), count: spare)).enumerated().map {
            var row = $0.element
            row.position = $0.offset + 1
            return row
        }
    }

    static func rows(_ groups: [PriorityGroup]) -> [CampaignFormRow] {
        withSpares(groups.map { CampaignFormRow(code: $0.code, name: $0.name, flag: $0.guaranteed) })
    }

    static func rows(_ documents: [RequiredDocument]) -> [CampaignFormRow] {
        withSpares(documents.map { CampaignFormRow(code: $0.code, name: $0.name, flag: $0.mandatory) })
    }

    /// The rows of three parallel posted columns; a `kind` equal to `yes` sets the flag. Selects always post a
    /// value, so the columns stay aligned (checkboxes would not).
    static func zip(_ codes: [String]?, _ names: [String]?, _ kinds: [String]?, yes: String) -> [CampaignFormRow] {
        let codes = codes ?? []
        let names = names ?? []
        let kinds = kinds ?? []
        return (0..<max(codes.count, names.count)).map { index in
            CampaignFormRow(
                code: index < codes.count ? VietnameseText.clean(codes[index]).uppercased() : "",
                name: index < names.count ? VietnameseText.clean(names[index]) : "",
                flag: index < kinds.count && kinds[index] == yes)
        }
    }
}

extension CampaignForm {
    var groupRows: [CampaignFormRow] { CampaignFormRow.zip(groupCode, groupName, groupKind, yes: "guaranteed") }
    var documentRows: [CampaignFormRow] { CampaignFormRow.zip(documentCode, documentName, documentKind, yes: "mandatory") }

    /// The rows to show again after a refusal: what was typed, blank rows dropped, with the spare rows under it.
    var rowsToShow: (groups: [CampaignFormRow], documents: [CampaignFormRow]) {
        (
            CampaignFormRow.withSpares(groupRows.filter { !$0.isBlank }),
            CampaignFormRow.withSpares(documentRows.filter { !$0.isBlank })
        )
    }
}
