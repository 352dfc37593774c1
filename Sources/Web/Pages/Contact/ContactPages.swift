import Foundation
import Records
import Vapor

/// The page models and forms of the contact book's pages: plain values that templates read.
enum ContactPages {}

extension ContactPages {
    /// The rules of Điều 11 of the school's regulation, shown to staff until they first write.
    static let rules = [
        "Sổ liên lạc chỉ dùng để trao đổi về việc học tập, rèn luyện của học sinh và hoạt động của nhà trường.",
        "Không dùng tin nhắn để buôn bán, quảng cáo, thu tiền ngoài quy định.",
        "Không đưa nội dung trái với đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước; "
            + "không xúc phạm nhân phẩm, danh dự của người khác.",
        "Mỗi tin nhắn về một học sinh chỉ gửi cho gia đình của học sinh đó; kết quả, nhận xét không gửi cho cả lớp.",
        "Ảnh học sinh chỉ đăng khi gia đình đã đồng ý. Nội dung được lưu; hiệu trưởng đọc được mọi thông báo, "
            + "trao đổi của trường (Điều 11, 15).",
    ]

    struct BookPage: Encodable {
        let layout: Layout
        let canCompose: Bool
        let composeHref: String
        let oversight: Bool
        let announcements: [AnnouncementLine]
        let classes: [ClassLink]
        let accountsHref: String?
        let costs: [CostLine]
        let reports: [ReportLine]
    }

    /// A family's report, for the principal.
    struct ReportLine: Encodable {
        let family: String
        let about: String
        let excerpt: String
        let reason: String
        let at: String
        let href: String
        let resolvedBy: String
        let resolveAction: String

        init(_ report: ContactReport) {
            family = report.guardianName
            about = report.about
            excerpt = report.excerpt
            reason = report.reason
            at = Timestamps.display(report.createdAt)
            href = report.announcementID.map { Site.announcement($0) } ?? report.studentID.map { Site.conversation($0) } ?? ""
            resolvedBy = report.resolvedBy ?? ""
            resolveAction = Site.contactReportResolve(report.id)
        }
    }

    struct AnnouncementLine: Encodable {
        let title: String
        let audience: String
        let author: String
        let sendAt: String
        let scheduled: Bool
        let retracted: Bool
        let urgent: Bool
        let families: Int
        let read: Int
        let confirmed: Int
        let asksConfirmation: Bool
        let href: String

        init(_ a: Announcement, now: Date) {
            title = a.title
            audience = a.audienceLabel
            author = a.authorName
            sendAt = Timestamps.display(a.sendAt)
            scheduled = a.sendAt > now
            retracted = a.retracted
            urgent = a.urgent
            families = a.families
            read = a.read
            confirmed = a.confirmed
            asksConfirmation = a.replyBy != nil
            href = Site.announcement(a.id)
        }
    }

    struct ClassLink: Encodable {
        let name: String
        let href: String
        let awaiting: Int
    }

    struct ComposeForm: Content {
        var audience: String?
        var groupClass: String?
        var pupils: [String]?
        var title: String?
        var body: String?
        var replyBy: String?
        var urgent: String?
        var sendAt: String?
        var step: String?
        var previewed: String?
        var attachment: File?
        /// A file chosen on the preview step, kept until sent, and its name as chosen.
        var pending: String?
        var pendingName: String?
        /// "yes" or "no": whether the photo shows pupils.
        var showsPupils: String?
        var pictured: [String]?
    }

    struct ComposePage: Encodable {
        let layout: Layout
        let action: String
        let form: FormState
        let audiences: [SelectOption]
        let groupClasses: [SelectOption]
        let groupPupils: [PupilChoice]
        let isGroup: Bool
        let urgent: Bool
        let preview: PreviewModel?
        let rules: [String]
        let showRules: Bool
        let pending: String
        let pendingName: String
        let pendingIsPhoto: Bool
        let showsPupils: String
        let photoChoices: [PhotoChoice]
    }

    /// A pupil the sender may tick as shown in a photo; one without the consents cannot be ticked.
    struct PhotoChoice: Encodable {
        let id: String
        let name: String
        let allowed: Bool
        let checked: Bool
    }

    /// A file listed under an announcement or a message.
    struct FileLine: Encodable {
        let name: String
        let size: String
        let href: String

        init(_ file: ContactAttachment, family: Bool) {
            name = file.filename
            size = file.size >= 1_048_576 ? "\(file.size * 10 / 1_048_576 / 10) MB" : "\(max(1, file.size / 1024)) KB"
            href = family ? Site.familyFile(file.id) : Site.contactFile(file.id)
        }
    }

    struct PupilChoice: Encodable {
        let id: String
        let name: String
        let checked: Bool
    }

    struct PreviewModel: Encodable {
        let label: String
        let pupils: Int
        let families: Int
        let withoutAccount: Int
        let lines: [FamilyLine]
        /// The families count the sender saw, sent back with the form so a changed audience is shown again.
        let token: String

        init(_ preview: AudiencePreview) {
            label = preview.label
            pupils = preview.pupils
            families = preview.families.count
            withoutAccount = preview.families.filter { !$0.hasAccount }.count
            lines = preview.families.map {
                FamilyLine(name: $0.guardianName, children: $0.children.joined(separator: ", "), hasAccount: $0.hasAccount)
            }
            token = Self.token(preview)
        }

        static func token(_ preview: AudiencePreview) -> String {
            SecureToken.sha256Hex(preview.families.map(\.guardianID.description).sorted().joined(separator: ","))
        }
    }

    struct FamilyLine: Encodable {
        let name: String
        let children: String
        let hasAccount: Bool
    }

    struct AnnouncementPage: Encodable {
        let layout: Layout
        let announcement: AnnouncementLine
        let body: String
        let replyBy: String
        let recipients: [RecipientLine]
        let deliveries: [DeliveryLine]
        let files: [FileLine]
        let retractAction: String?
        let backHref: String
    }

    /// What the outbox did for one family through one channel; the address masked.
    struct DeliveryLine: Encodable {
        let family: String
        let channel: String
        let address: String
        let status: String
        let failed: Bool

        init(family: String, message: OutboxMessage) {
            self.family = family
            channel = OutboxPages.channelName(message.channel)
            address = message.channel == "email" ? Masked.email(message.recipient) : Masked.phone(message.recipient)
            status = OutboxPages.status(message)
            failed = message.failedAt != nil
        }
    }

    /// A month's messages and cost on a paid channel.
    struct CostLine: Encodable {
        let month: String
        let channel: String
        let messages: Int
        let cost: String
    }

    struct RecipientLine: Encodable {
        let family: String
        let children: String
        let read: String
        let confirmed: String
    }

    struct ConversationsPage: Encodable {
        let layout: Layout
        let className: String
        let threads: [ThreadLine]
        let others: [PupilLink]
        let backHref: String
    }

    struct ThreadLine: Encodable {
        let pupil: String
        let last: String
        let lastAt: String
        let awaiting: Bool
        let replyTime: String
        let href: String
    }

    struct PupilLink: Encodable {
        let name: String
        let href: String
    }

    struct MessageForm: Content {
        var body: String?
        var attachment: File?
    }

    struct ConversationPage: Encodable {
        let layout: Layout
        let pupil: String
        let className: String
        let messages: [MessageLine]
        let action: String
        let draftKey: String
        let form: FormState
        let backHref: String
        let backLabel: String
        let forFamily: Bool
        let oversight: Bool
        let rules: [String]
        let showRules: Bool
        let reportAction: String?
    }

    struct MessageLine: Encodable {
        let mine: Bool
        let author: String
        let body: String
        let at: String
        let readBy: String
        let files: [FileLine]
        let id: String
        let reportable: Bool

        init(_ message: ContactMessage, viewerIsFamily: Bool) {
            files = message.attachments.map { FileLine($0, family: viewerIsFamily) }
            id = message.id.uuidString
            reportable = viewerIsFamily && !message.fromFamily
            mine = message.fromFamily == viewerIsFamily
            author = message.fromFamily ? "\(message.authorName) (phụ huynh)" : message.authorName
            body = message.body
            at = Timestamps.display(message.at)
            readBy = message.readBy.isEmpty ? "" : "Đã xem: " + message.readBy.joined(separator: "; ")
        }
    }

    static func replyTime(_ minutes: Int?) -> String {
        guard let minutes else { return "" }
        if minutes < 60 { return "\(minutes) phút" }
        if minutes < 60 * 48 { return "\(minutes / 60) giờ" }
        return "\(minutes / 1440) ngày"
    }
}
