import Foundation

/// Whom an announcement goes to: the families of the pupils it names.
public enum Audience: Sendable, Equatable, Hashable {
    /// Every pupil attending this school year.
    case school
    /// The pupils of a grade (1–5).
    case grade(Int)
    /// The pupils of a class.
    case `class`(ClassID)
    /// Chosen pupils (their families), e.g. those whose parents are asked to a meeting.
    case group([StudentID])
}

/// One family an announcement reaches: a guardian, counted once however many of their children it names.
public struct AudienceFamily: Sendable, Equatable {
    public let guardianID: GuardianID
    public let guardianName: String
    /// Whether the guardian has a parent account (otherwise the message reaches them by email or SMS only).
    public let hasAccount: Bool
    /// Their children among the audience, "Nguyễn Văn An (2B)".
    public let children: [String]
}

/// What an announcement will reach, shown to the sender before sending.
public struct AudiencePreview: Sendable, Equatable {
    /// "Lớp 2B", "Toàn trường"…
    public let label: String
    /// Pupils named.
    public let pupils: Int
    /// Families, each once.
    public let families: [AudienceFamily]
}

/// An announcement as the sender writes it.
public struct AnnouncementDraft: Sendable, Equatable {
    public var audience: Audience
    public var title: String
    public var body: String
    /// The date families are asked to confirm they read it by ("xác nhận đã đọc"), if any.
    public var replyBy: SchoolDate?
    /// Sent at once even in quiet hours (SMS, push).
    public var urgent: Bool
    /// When to send; nil for now.
    public var sendAt: Date?
    /// A PDF or a photo sent with it.
    public var attachment: AttachmentUpload? = nil

    public init(audience: Audience, title: String, body: String, replyBy: SchoolDate? = nil, urgent: Bool = false, sendAt: Date? = nil) {
        self.audience = audience
        self.title = title
        self.body = body
        self.replyBy = replyBy
        self.urgent = urgent
        self.sendAt = sendAt
    }
}

/// An announcement as stored, with how far it reached.
public struct Announcement: Sendable, Equatable {
    public let id: UUID
    public let authorName: String
    public let audienceLabel: String
    public let title: String
    public let body: String
    public let replyBy: SchoolDate?
    public let urgent: Bool
    public let sendAt: Date
    public let retracted: Bool
    /// Families addressed, read, and confirmed (sender's and principal's view; 0 for a family's view).
    public let families: Int
    public let read: Int
    public let confirmed: Int
}

/// One item of a family's feed: an announcement, or a conversation about one of their children.
public struct FamilyFeedItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case announcement, conversation }
    public let kind: Kind
    public let id: UUID
    public let title: String
    /// The children it concerns, labelled by class: "An (2B)".
    public let children: String
    public let excerpt: String
    public let at: Date
    public let unread: Bool
    /// For an announcement asking for it: whether the family confirmed.
    public let needsConfirmation: Bool
}

/// One message of a conversation.
public struct ContactMessage: Sendable, Equatable {
    public let id: UUID
    public let fromFamily: Bool
    public let authorName: String
    public let body: String
    public let at: Date
    /// Who on the other side read it, and when: "Đã xem: Trần Thị Mai lúc 05/12/2026 20:14".
    public let readBy: [String]
    /// The files sent with it.
    public var attachments: [ContactAttachment] = []
}

/// A conversation about one child between the school and the child's guardians.
public struct ContactThread: Sendable, Equatable {
    public let studentID: StudentID
    public let pupilName: String
    public let className: String
    public let messages: [ContactMessage]
}

/// A conversation in the staff's list: the child, the last message, what waits for an answer.
public struct ContactThreadSummary: Sendable, Equatable {
    public let studentID: StudentID
    public let pupilName: String
    public let className: String
    public let lastMessage: String
    public let lastAt: Date
    /// The family wrote last and nobody at school answered yet.
    public let awaitingReply: Bool
    /// How long the school took to answer the family, on average, in minutes (nil before any answer).
    public let replyMinutes: Int?
}
