import FluentKit
import Foundation

final class AnnouncementRow: Model, @unchecked Sendable {
    static let schema = "announcements"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_name") var authorName: String
    /// "school", "grade", "class" or "group".
    @Field(key: "scope_kind") var scopeKind: String
    /// The grade, the class's ID, or the pupils' IDs (comma-separated) of a group; "" for the school.
    @Field(key: "scope_value") var scopeValue: String
    /// "Toàn trường", "Khối 2", "Lớp 2B", "5 gia đình lớp 2B".
    @Field(key: "scope_label") var scopeLabel: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    /// The date families are asked to confirm by (ISO), if any.
    @OptionalField(key: "reply_by") var replyBy: String?
    @Field(key: "urgent") var urgent: Bool
    @Field(key: "send_at") var sendAt: String
    @Field(key: "created_at") var createdAt: String
    @OptionalField(key: "retracted_at") var retractedAt: String?
    @OptionalField(key: "retracted_by") var retractedBy: String?

    init() {}
}

final class AnnouncementRecipientRow: Model, @unchecked Sendable {
    static let schema = "announcement_recipients"

    @ID(key: .id) var id: UUID?
    @Field(key: "announcement_id") var announcementID: UUID
    @Field(key: "guardian_id") var guardianID: UUID
    /// The family's children the announcement concerns, "Nguyễn Văn An (2B); Nguyễn Thị Bình (4A)".
    @Field(key: "children") var children: String
    @OptionalField(key: "read_at") var readAt: String?
    @OptionalField(key: "confirmed_at") var confirmedAt: String?

    init() {}
}

final class ContactThreadRow: Model, @unchecked Sendable {
    static let schema = "contact_threads"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "created_at") var createdAt: String
    @Field(key: "last_message_at") var lastMessageAt: String

    init() {}
}

final class ContactMessageRow: Model, @unchecked Sendable {
    static let schema = "contact_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "thread_id") var threadID: UUID
    @Field(key: "from_family") var fromFamily: Bool
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_name") var authorName: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: String
    @OptionalField(key: "retracted_at") var retractedAt: String?

    init() {}
}

final class ContactReadRow: Model, @unchecked Sendable {
    static let schema = "contact_reads"

    @ID(key: .id) var id: UUID?
    @Field(key: "message_id") var messageID: UUID
    /// The account that read it.
    @Field(key: "reader_id") var readerID: UUID
    @Field(key: "reader_name") var readerName: String
    @Field(key: "read_at") var readAt: String

    init() {}
}
