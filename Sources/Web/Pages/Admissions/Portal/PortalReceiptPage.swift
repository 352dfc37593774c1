import Admissions
import Foundation
import Records
import Vapor

extension PortalPages {
    struct ReceiptPage: Encodable {
        let layout: Layout
        let campaign: CampaignSummary
        let number: String
        let status: String
        let submittedAt: String
        let lines: [Line]
        let canEdit: Bool
        let messages: [DeskPages.MessageRow]
        /// Where the family stands, said first: its colour, words and next step.
        let standing: FamilyStanding
        let hasResult: Bool
        /// Whether the family is asked for more and may still send it.
        let canAnswerCouncil: Bool
        /// The browser's copy of the form typed over an older version than `draftVersion` was sent: it is dropped.
        let draftKey: String
        let draftVersion: Int
    }

    struct Line: Encodable {
        let label: String
        let value: String
    }
}

extension PortalPages {
    /// What a receipt says, shared by the page and the PDF. Without `contacts` (the inspector's view) phones are
    /// masked and the registration code is left out: nothing on the page opens the family's portal.
    static func receiptLines(_ portalCase: PortalCase, application: AdmissionApplication, contacts: Bool = true) -> [(String, String)] {
        let form = application.form
        let people = [("Cha", form.father), ("Mẹ", form.mother), ("Người giám hộ", form.guardian)]
            .filter { !$0.1.name.isEmpty }.map { "\($0.0): \($0.1.name), \(contacts ? $0.1.phone : Masked.phone($0.1.phone))" }
        let unit = portalCase.campaign.catchment.first { $0.wardCode == form.wardCode }
        let place =
            form.outsideCatchment
            ? "Ngoài địa bàn: \(form.addressLine)"
            : [form.addressLine, form.hamlet, unit?.wardName ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        let groups = Dictionary(portalCase.campaign.priorityGroups.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        var lines: [(String, String)] = [
            ("Số hồ sơ", application.number ?? ""), ("Mã số đăng ký", contacts ? application.code.display : "(không hiển thị)"),
            ("Nộp lúc", application.submittedAt.map(Timestamps.display) ?? ""), ("Họ và tên trẻ", form.childName.full),
            ("Ngày sinh", SchoolDate(iso: form.childBirthDate)?.display ?? ""),
            ("Giới tính", form.childSex?.label ?? ""), ("Dân tộc", form.childEthnicity),
            ("Mã định danh", form.childPersonalID.isEmpty ? "Chưa có" : form.childPersonalID), ("Nơi sinh", form.childPlaceOfBirth),
            ("Cha mẹ / giám hộ", people.joined(separator: "; ")),
            ("Nơi cư trú", (form.residenceKind ?? .permanent).label + " — " + place),
            ("Đối tượng", form.priorityCodes.compactMap { groups[$0] }.joined(separator: "; ")),
            ("Trạng thái", application.status.label),
        ]
        if !application.enteredBy.isEmpty {
            lines.append(("Nhập tại bàn", "Hồ sơ được nhập tại bàn thường trực bởi \(application.enteredBy)"))
        }
        return lines
    }

    /// The receipt as the family keeps it (page and PDF): what was submitted, the documents they sent, and what comes
    /// next and when (the results and the deadline to confirm), from the campaign's own dates.
    static func familyReceiptLines(
        _ portalCase: PortalCase, application: AdmissionApplication, documents: [ApplicationDocument]
    ) -> [(String, String)] {
        let windows = portalCase.campaign.windows
        let standing = FamilyStanding.of(application, in: portalCase.campaign, at: Date())
        let lines = receiptLines(portalCase, application: application).map { $0.0 == "Trạng thái" ? ($0.0, standing.headline) : $0 }
        return lines + [
            ("Giấy tờ đã nộp", documents.isEmpty ? "Chưa có" : documents.map { "\($0.kindName) (\($0.filename))" }.joined(separator: "; ")),
            ("Công bố kết quả", Timestamps.display(windows.resultsAt)),
            ("Hạn xác nhận nhập học", "Nếu trúng tuyển: xác nhận trên cổng trước \(Timestamps.display(windows.confirmBy))"),
        ]
    }
}
