import FluentKit
import Foundation

/// A guardian's choice of channels for the contact book (M0030).
final class ContactPreferenceRow: Model, @unchecked Sendable {
    static let schema = "contact_preferences"

    @ID(key: .id) var id: UUID?
    @Field(key: "guardian_id") var guardianID: UUID
    @Field(key: "email") var email: Bool
    @Field(key: "sms") var sms: Bool
    @Field(key: "zalo") var zalo: Bool
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}
