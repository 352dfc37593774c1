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

extension ApplicationVersionRow {
    /// Keeps `application` as it stands now, before it is changed: every edit leaves its earlier version behind.
    static func keep(_ application: ApplicationRow, on db: any Database) async throws {
        let kept = ApplicationVersionRow()
        kept.id = UUID()
        kept.applicationID = application.id!
        kept.version = application.version
        kept.status = application.status
        kept.formJSON = application.formJSON
        kept.at = application.updatedAt
        kept.byName = application.enteredBy
        try await kept.create(on: db)
    }
}
