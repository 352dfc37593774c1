import FluentKit
import Foundation
import Records

final class KindergartenRow: Model, @unchecked Sendable {
    static let schema = "kindergartens"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "name") var name: String
    @Field(key: "address") var address: String
    @Field(key: "contact") var contact: String

    init() {}
}
