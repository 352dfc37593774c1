import FluentKit
import Foundation

/// A file sent with an announcement or a message (M0031).
final class ContactAttachmentRow: Model, @unchecked Sendable {
    static let schema = "contact_attachments"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "announcement_id") var announcementID: UUID?
    @OptionalField(key: "message_id") var messageID: UUID?
    @Field(key: "filename") var filename: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "stored_name") var storedName: String
    @Field(key: "shows_pupils") var showsPupils: Bool
    @Field(key: "created_at") var createdAt: String

    init() {}
}

/// A pupil's photo consent (M0031).
final class PhotoConsentRow: Model, @unchecked Sendable {
    static let schema = "photo_consents"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "family_consents") var familyConsents: Bool
    @Field(key: "child_consents") var childConsents: Bool
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}

/// A family's report of an announcement or a message (M0031).
final class ContactReportRow: Model, @unchecked Sendable {
    static let schema = "contact_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "guardian_id") var guardianID: UUID
    @OptionalField(key: "announcement_id") var announcementID: UUID?
    @OptionalField(key: "message_id") var messageID: UUID?
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: String
    @OptionalField(key: "resolved_at") var resolvedAt: String?
    @OptionalField(key: "resolved_by") var resolvedBy: String?

    init() {}
}
