import FluentKit
import Foundation

final class RegisterCorrectionRow: Model, @unchecked Sendable {
    static let schema = "register_corrections"

    @ID(key: .id) var id: UUID?
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "status") var status: String
    @Field(key: "reason") var reason: String
    @Field(key: "before_json") var beforeJSON: String
    @Field(key: "after_json") var afterJSON: String
    /// The entry's version when the request was made; approval refuses to apply over a newer one.
    @Field(key: "entry_version") var entryVersion: Int
    @OptionalField(key: "requested_by_id") var requestedByID: UUID?
    @Field(key: "requested_by_name") var requestedByName: String
    @Field(key: "requested_at") var requestedAt: String
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "decided_at") var decidedAt: String?
    @Field(key: "decision_note") var decisionNote: String

    init() {}
}
