import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `PortalController`: plain values that templates read, built without a request.
enum PortalPages {}

extension PortalPages {
    struct Landing: Encodable {
        let layout: Layout
        let campaign: CampaignSummary?
        let form: FormState
        let message: String?
    }

    struct CampaignSummary: Encodable {
        let title: String
        let applyFrom: String
        let applyUntil: String
        let state: String
        let isOpen: Bool
        let deskPhone: String
    }
}

extension PortalPages.CampaignSummary {
    /// The campaign as the portal's pages show it at `now`: its windows and whether applications are open.
    init(_ campaign: Campaign, now: Date = Date()) {
        let w = campaign.windows
        let state =
            now < w.applyFrom
            ? "Chưa mở đăng ký. Cổng mở lúc \(Timestamps.display(w.applyFrom))."
            : now >= w.applyUntil
                ? "Đã hết thời gian đăng ký trực tuyến (đóng lúc \(Timestamps.display(w.applyUntil)))."
                : "Đang mở đăng ký đến trước \(Timestamps.display(w.applyUntil))."
        self.init(
            title: campaign.title, applyFrom: Timestamps.display(w.applyFrom), applyUntil: Timestamps.display(w.applyUntil),
            state: state, isOpen: w.isApplicationOpen(at: now), deskPhone: campaign.deskPhone)
    }
}
