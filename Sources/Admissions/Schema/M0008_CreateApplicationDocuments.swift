import Documents
import FluentKit
import Foundation
import Records
import SQLKit

struct M0008_CreateApplicationDocuments: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("application_documents")
            .id()
            .field("code", .string, .required, .references("registration_codes", "code"))
            .field("kind", .string, .required)
            .field("filename", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("stored_name", .string, .required)
            .field("uploaded_at", .double, .required)
            .field("uploaded_by", .string, .required)
            .create()
        try await database.sql().create(index: "application_documents_code").on("application_documents").column("code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("application_documents").delete()
    }
}
