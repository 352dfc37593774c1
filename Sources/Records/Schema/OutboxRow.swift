import FluentKit
import Foundation

/// One message of the outbox to one address through one channel (M0030; Admissions' earlier `notifications` rows are
/// copied in by its M0017).
final class OutboxRow: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "channel") var channel: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Double
    @OptionalField(key: "sent_at") var sentAt: Double?
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Double?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "failed_at") var failedAt: Double?
    @OptionalField(key: "cost") var cost: Int?
    @Field(key: "urgent") var urgent: Bool
    @OptionalField(key: "source") var source: String?
    @OptionalField(key: "guardian_id") var guardianID: UUID?
    @OptionalField(key: "masked_body") var maskedBody: String?

    init() {}
}
