import Foundation
import Records

/// Where a family stands with its application, as the top of the receipt page says it: one tone, a headline, what
/// it means and the next step — so a request for more information is never shown as "received", and a place lost
/// for want of confirmation is never shown under "Trúng tuyển".
public struct FamilyStanding: Sendable, Equatable, Encodable {
    /// How the status is shown: its colour and icon on the page.
    public enum Tone: String, Sendable, Encodable {
        /// Nothing to do but wait.
        case waiting
        /// The family must act.
        case action
        /// Good news, nothing more to do or only what `next` says.
        case good
        /// The application did not succeed.
        case ended
    }

    /// The colour the page gives it.
    public let tone: Tone
    /// The status in a few words, such as "Cần bổ sung hồ sơ".
    public let headline: String
    /// What it means, in a sentence or two (the council's words when it asked for something).
    public let detail: String
    /// What the family does next and by when; empty when nothing is left to do.
    public let next: String
    /// Whether the family may confirm or decline a place now.
    public let mayConfirm: Bool

    /// The standing of `application` in `campaign` at `now`.
    public static func of(_ application: AdmissionApplication, in campaign: Campaign, at now: Date) -> FamilyStanding {
        let windows = campaign.windows
        let results = Timestamps.display(windows.resultsAt)
        switch (application.outcome, application.confirmation) {
        case (.admitted, .confirmed?):
            return FamilyStanding(
                tone: .good, headline: "Đã xác nhận nhập học",
                detail: "Trẻ \(application.form.childName.full) sẽ học lớp 1 năm học \(campaign.schoolYearName).",
                next: campaign.enrolmentNote.isEmpty ? Campaign.defaultEnrolmentNote(campaign) : campaign.enrolmentNote,
                mayConfirm: false)
        case (.admitted, .declined?), (.waitlisted, .declined?):
            return FamilyStanding(
                tone: .ended, headline: "Gia đình đã từ chối chỗ học",
                detail: "Chỗ học đã được chuyển cho trẻ khác.", next: "", mayConfirm: false)
        case (_, .released?):
            return FamilyStanding(
                tone: .ended, headline: "Quá hạn xác nhận nhập học",
                detail: "Gia đình không xác nhận trước hạn, nên chỗ học đã được chuyển cho trẻ trong danh sách chờ.",
                next: campaign.deskPhone.isEmpty ? "" : "Nếu cần, gọi bàn thường trực tuyển sinh: \(campaign.deskPhone).",
                mayConfirm: false)
        case (.admitted, nil):
            let until = application.confirmUntil
            if let until, until <= now {
                return FamilyStanding(
                    tone: .ended, headline: "Quá hạn xác nhận nhập học",
                    detail: "Hạn xác nhận là \(Timestamps.display(until)); chỗ học sẽ được chuyển cho trẻ trong danh sách chờ.",
                    next: campaign.deskPhone.isEmpty ? "" : "Gọi ngay bàn thường trực tuyển sinh: \(campaign.deskPhone).",
                    mayConfirm: false)
            }
            return FamilyStanding(
                tone: .action, headline: "Trúng tuyển — cần xác nhận nhập học",
                detail: "Trẻ \(application.form.childName.full) đã trúng tuyển vào lớp 1.",
                next: "Bấm “Xác nhận nhập học” bên dưới trước \(until.map(Timestamps.display) ?? Timestamps.display(windows.confirmBy)). "
                    + "Nếu quá hạn, chỗ học được chuyển cho trẻ trong danh sách chờ.",
                mayConfirm: true)
        case (.waitlisted, _):
            return FamilyStanding(
                tone: .waiting, headline: "Trong danh sách chờ, vị trí \(application.waitlistPosition ?? 0)",
                detail: "Khi có gia đình trúng tuyển từ chối hoặc quá hạn xác nhận, trẻ ở đầu danh sách chờ được gọi.",
                next: "Nhà trường sẽ báo qua tin nhắn và email nếu trẻ có chỗ; khi đó cần xác nhận trước hạn ghi trong tin nhắn.",
                mayConfirm: false)
        case (.notConsidered, _):
            return FamilyStanding(
                tone: .ended, headline: "Không trúng tuyển",
                detail: application.status == .notEligible && !application.councilNote.isEmpty
                    ? "Lý do: \(application.councilNote)" : "Hồ sơ không được xét trúng tuyển trong đợt này.",
                next: "Gia đình liên hệ trường tiểu học nơi cư trú hoặc Ủy ban nhân dân phường/xã để được hướng dẫn.",
                mayConfirm: false)
        case (nil, _):
            break
        }
        switch application.status {
        case .needsInfo:
            return FamilyStanding(
                tone: .action, headline: "Cần bổ sung hồ sơ",
                detail: "Hội đồng tuyển sinh cần: \(application.councilNote)",
                next:
                    "Bấm “Bổ sung hồ sơ” bên dưới, sửa hoặc tải lên giấy tờ rồi gửi lại, trước \(Timestamps.display(windows.reviewUntil)).",
                mayConfirm: false)
        case .notEligible:
            return FamilyStanding(
                tone: .ended, headline: "Hồ sơ không đủ điều kiện",
                detail: application.councilNote.isEmpty ? "" : "Lý do: \(application.councilNote)",
                next: campaign.deskPhone.isEmpty ? "" : "Nếu có thắc mắc, gọi bàn thường trực tuyển sinh: \(campaign.deskPhone).",
                mayConfirm: false)
        case .verified:
            return FamilyStanding(
                tone: .waiting, headline: "Hồ sơ đã được xác minh",
                detail: "Hội đồng tuyển sinh đã kiểm tra hồ sơ và giấy tờ.", next: "Kết quả được công bố lúc \(results).",
                mayConfirm: false)
        case .submitted, .draft:
            return FamilyStanding(
                tone: .waiting, headline: "Đã nộp, chờ hội đồng xét duyệt",
                detail: "Nhà trường đã nhận hồ sơ\(application.submittedAt.map { " lúc \(Timestamps.display($0))" } ?? "").",
                next: "Kết quả được công bố lúc \(results). Nếu cần bổ sung, nhà trường báo qua tin nhắn và trên trang này.",
                mayConfirm: false)
        }
    }
}
