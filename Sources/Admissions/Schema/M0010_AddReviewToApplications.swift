import FluentKit
import Foundation
import Records
import SQLKit

struct M0010_AddReviewToApplications: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("admission_applications").field("review_json", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("admission_applications").deleteField("review_json").update()
    }
}
