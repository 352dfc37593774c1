import FluentKit
import Foundation
import Records
import SQLKit

final class DrawRow: Model, @unchecked Sendable {
    static let schema = "campaign_draws"

    @ID(custom: "campaign_id", generatedBy: .user) var id: UUID?
    @Field(key: "public_value") var publicValue: String
    @Field(key: "seed") var seed: String
    @Field(key: "announced_at") var announcedAt: Double
    @Field(key: "announced_by") var announcedBy: String
    @OptionalField(key: "result_json") var resultJSON: String?
    @OptionalField(key: "drawn_at") var drawnAt: Double?
    @OptionalField(key: "published_at") var publishedAt: Double?
    @Field(key: "approved_by") var approvedBy: String
    @Field(key: "members_present") var membersPresent: String

    init() {}
}
