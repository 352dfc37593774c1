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
        // The badge beside it already says whether the portal is open; this line says until when, as people say it.
        let state =
            now < w.applyFrom
            ? "Cổng mở lúc \(Timestamps.display(w.applyFrom))."
            : now >= w.applyUntil
                ? "Đã hết thời gian đăng ký trực tuyến (\(Self.deadline(w.applyUntil)))."
                : "Nhận hồ sơ trực tuyến đến \(Self.deadline(w.applyUntil))."
        self.init(
            title: campaign.title, applyFrom: Timestamps.display(w.applyFrom), applyUntil: Self.deadline(w.applyUntil),
            state: state, isOpen: w.isApplicationOpen(at: now), deskPhone: campaign.deskPhone)
    }
}

extension PortalPages.CampaignSummary {
    /// A closing instant as people read it: a window that closes at midnight closes at the end of the day before
    /// ("hết ngày 02/03/2027", not "03/03/2027 00:00"); any other time is written with its day ("17:00 ngày 02/03/2027").
    static func deadline(_ instant: Date) -> String {
        let shown = Timestamps.display(instant)  // dd/MM/yyyy HH:mm, Vietnam time
        if shown.hasSuffix(" 00:00") {
            return "hết ngày " + SchoolDate(instant.addingTimeInterval(-1)).display
        }
        return String(shown.suffix(5)) + " ngày " + String(shown.prefix(10))
    }
}
