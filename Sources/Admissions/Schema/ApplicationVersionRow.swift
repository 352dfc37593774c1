import FluentKit
import Foundation

final class ApplicationVersionRow: Model, @unchecked Sendable {
    static let schema = "application_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "status") var status: String
    @Field(key: "form_json") var formJSON: String
    @Field(key: "at") var at: String
    @Field(key: "by_name") var byName: String

    init() {}
}
