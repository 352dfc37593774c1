import FluentKit
import Foundation

final class AuditEntryRow: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(custom: "seq", generatedBy: .user) var id: Int?
    @Field(key: "at") var at: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "before_json") var before: String?
    @OptionalField(key: "after_json") var after: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String
    /// The folded summary and actor name, for search; not part of the hash.
    @OptionalField(key: "search_key") var searchKey: String?

    init() {}
}
