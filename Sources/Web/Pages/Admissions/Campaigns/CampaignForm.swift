import Admissions
import Records
import Vapor

/// The campaign set‑up form as typed: windows as `dd/MM/yyyy HH:mm`, lists as one item per line.
struct CampaignForm: Content {
    var title: String?
    var schoolYearName: String?
    var birthYear: String?
    var classes: String?
    var placesPerClass: String?
    var codesFrom: String?
    var applyFrom: String?
    var applyUntil: String?
    var reviewUntil: String?
    var resultsAt: String?
    var confirmBy: String?
    var approver: String?
    var deskPhone: String?
    var enrolmentNote: String?
    var isTrial: String?
    /// The priority groups as rows, in priority order: code, description, "guaranteed" or "ordered".
    var groupCode: [String]?
    var groupName: [String]?
    var groupKind: [String]?
    /// The required documents as rows: code, name, "mandatory" or "optional".
    var documentCode: [String]?
    var documentName: [String]?
    var documentKind: [String]?
    var catchment: String?
    var version: String?
    var impactReason: String?

    static let windowFields = ["codesFrom", "applyFrom", "applyUntil", "reviewUntil", "resultsAt", "confirmBy"]

    var values: [String: String] {
        [
            "title": title ?? "", "schoolYearName": schoolYearName ?? "", "birthYear": birthYear ?? "", "classes": classes ?? "",
            "placesPerClass": placesPerClass ?? "", "codesFrom": codesFrom ?? "", "applyFrom": applyFrom ?? "",
            "applyUntil": applyUntil ?? "",
            "reviewUntil": reviewUntil ?? "", "resultsAt": resultsAt ?? "", "confirmBy": confirmBy ?? "", "approver": approver ?? "",
            "deskPhone": deskPhone ?? "", "enrolmentNote": enrolmentNote ?? "", "isTrial": FormInput.checked(isTrial) ? "true" : "",
            "catchment": catchment ?? "", "version": version ?? "0", "impactReason": impactReason ?? "",
        ]
    }

    /// The draft, or the problems of fields that do not even parse.
    func draft(province: String) -> Result<CampaignDraft, FieldProblems> {
        var problems = FieldProblems()
        var dates: [String: Date] = [:]
        let texts = values
        for field in Self.windowFields {
            if let date = Timestamps.parseDisplay(texts[field] ?? "") {
                dates[field] = date
            } else {
                problems.add(field, "Nhập ngày giờ dạng dd/mm/yyyy hh:mm, ví dụ 01/07/2027 08:00.")
            }
        }
        var groups: [PriorityGroup] = []
        for (index, row) in groupRows.enumerated() where !row.isBlank {
            guard !row.code.isEmpty else {
                problems.add("priorityGroups", "Nhóm ở dòng \(index + 1): nhập mã nhóm, ví dụ DT1.")
                continue
            }
            if groups.contains(where: { $0.code == row.code }) {
                problems.add("priorityGroups", "Mã nhóm \(row.code) bị trùng.")
            }
            groups.append(PriorityGroup(code: row.code, name: row.name.isEmpty ? row.code : row.name, guaranteed: row.flag))
        }
        var documents: [RequiredDocument] = []
        for (index, row) in documentRows.enumerated() where !row.isBlank {
            guard !row.code.isEmpty else {
                problems.add("documents", "Giấy tờ ở dòng \(index + 1): nhập mã giấy tờ, ví dụ KS.")
                continue
            }
            if documents.contains(where: { $0.code == row.code }) {
                problems.add("documents", "Mã giấy tờ \(row.code) bị trùng.")
            }
            documents.append(RequiredDocument(code: row.code, name: row.name.isEmpty ? row.code : row.name, mandatory: row.flag))
        }
        var catchment: [CatchmentUnit] = []
        let wards = AdminUnits.shared.wards(of: province)
        for parts in Self.items(self.catchment, separator: ":", maxSplits: 1) {
            guard let first = parts.first, !first.isEmpty else {
                problems.add("catchment", "Mỗi dòng bắt đầu bằng tên phường/xã.")
                continue
            }
            let key = VietnameseText.foldKey(first)
            guard
                let ward = wards.first(where: {
                    $0.code == first || VietnameseText.foldKey($0.name) == key
                        || VietnameseText.foldKey($0.name).hasSuffix(" " + key)
                })
            else {
                problems.add("catchment", "Không tìm thấy “\(first)” trong danh mục phường/xã của tỉnh trường đóng.")
                continue
            }
            let hamlets =
                parts.count > 1 ? parts[1].split(separator: ",").map { VietnameseText.clean(String($0)) }.filter { !$0.isEmpty } : []
            catchment.append(CatchmentUnit(wardCode: ward.code, wardName: ward.name, hamlets: hamlets))
        }
        guard problems.isEmpty, let codes = dates["codesFrom"], let from = dates["applyFrom"], let until = dates["applyUntil"],
            let review = dates["reviewUntil"], let results = dates["resultsAt"], let confirm = dates["confirmBy"]
        else {
            return .failure(problems)
        }
        return .success(
            CampaignDraft(
                schoolYearName: schoolYearName ?? "", title: title ?? "", birthYear: FormInput.int(birthYear),
                classes: FormInput.int(classes),
                placesPerClass: FormInput.int(placesPerClass),
                windows: CampaignWindows(
                    codesFrom: codes, applyFrom: from, applyUntil: until, reviewUntil: review, resultsAt: results, confirmBy: confirm),
                requiredDocuments: documents, priorityGroups: groups, catchment: catchment, approver: approver ?? "",
                deskPhone: deskPhone ?? "", enrolmentNote: enrolmentNote ?? "",
                isTrial: FormInput.checked(isTrial)))
    }

    /// The non‑empty lines of a text area, each split into cleaned parts.
    static func items(_ text: String?, separator: Character, maxSplits: Int = .max) -> [[String]] {
        lines(text).map { line in
            line.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false).map {
                VietnameseText.clean(String($0))
            }
        }
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { VietnameseText.clean(String($0)) }.filter { !$0.isEmpty }
    }

    /// The form filled from a campaign, for editing.
    static func values(of campaign: Campaign) -> [String: String] {
        let w = campaign.windows
        return [
            "title": campaign.title, "schoolYearName": campaign.schoolYearName, "birthYear": String(campaign.birthYear),
            "classes": String(campaign.classes), "placesPerClass": String(campaign.placesPerClass),
            "codesFrom": Timestamps.display(w.codesFrom), "applyFrom": Timestamps.display(w.applyFrom),
            "applyUntil": Timestamps.display(w.applyUntil), "reviewUntil": Timestamps.display(w.reviewUntil),
            "resultsAt": Timestamps.display(w.resultsAt), "confirmBy": Timestamps.display(w.confirmBy),
            "approver": campaign.approver, "deskPhone": campaign.deskPhone, "enrolmentNote": campaign.enrolmentNote,
            "isTrial": campaign.isTrial ? "true" : "",
            "catchment": campaign.catchment.map { $0.wardName + ($0.hamlets.isEmpty ? "" : ": " + $0.hamlets.joined(separator: ", ")) }
                .joined(separator: "\n"),
            "version": String(campaign.version), "impactReason": "",
        ]
    }

    /// Defaults for a new campaign: next school year, Hanoi‑like windows.
    static func defaults(today: SchoolDate) -> [String: String] {
        let start = today.month >= 8 ? today.year + 1 : today.year
        return [
            "title": "Tuyển sinh lớp 1 năm học \(start)-\(start + 1)", "schoolYearName": "\(start)-\(start + 1)",
            "birthYear": String(start - 6), "classes": "4", "placesPerClass": "35",
            "codesFrom": "15/05/\(start) 08:00", "applyFrom": "01/07/\(start) 08:00", "applyUntil": "04/07/\(start) 00:00",
            "reviewUntil": "10/07/\(start) 17:00", "resultsAt": "12/07/\(start) 08:00", "confirmBy": "20/07/\(start) 17:00",
            "version": "0",
        ]
    }
}
