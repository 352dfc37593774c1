import FluentKit
import Foundation
import Records
import SQLKit

final class NotificationRow: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "channel") var channel: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Double
    @OptionalField(key: "sent_at") var sentAt: Double?

    init() {}
}
