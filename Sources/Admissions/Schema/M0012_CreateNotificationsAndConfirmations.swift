import FluentKit
import Foundation
import Records
import SQLKit

struct M0012_CreateNotificationsAndConfirmations: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("code", .string, .required)
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .double, .required)
            .field("sent_at", .double)
            .create()
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema("admission_applications").field("confirmation", .string).update()
        try await database.schema("admission_applications").field("confirm_until", .double).update()
        try await database.schema("admission_applications").field("confirmed_at", .double).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["confirmed_at", "confirm_until", "confirmation"] {
            try await database.schema("admission_applications").deleteField(.string(field)).update()
        }
        try await database.schema("notifications").delete()
    }
}
