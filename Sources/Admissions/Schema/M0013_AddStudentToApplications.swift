import FluentKit
import Foundation
import Records

struct M0013_AddStudentToApplications: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("admission_applications").field("student_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("admission_applications").deleteField("student_id").update()
    }
}
