import FluentKit
import Foundation
import Records
import SQLKit

struct M0006_CreateApplicationMessages: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("application_messages")
            .id()
            .field("code", .string, .required, .references("registration_codes", "code"))
            .field("sender", .string, .required)
            .field("author", .string, .required)
            .field("body", .string, .required)
            .field("at", .double, .required)
            .create()
        try await database.sql().create(index: "application_messages_code").on("application_messages").column("code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("application_messages").delete()
    }
}
