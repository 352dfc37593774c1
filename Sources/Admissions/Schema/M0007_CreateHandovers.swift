import FluentKit
import Foundation
import Records
import SQLKit

struct M0007_CreateHandovers: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("handovers")
            .id()
            .field("kindergarten_id", .uuid, .required, .references("kindergartens", "id"))
            .field("handed_by", .string, .required)
            .field("received_by", .string, .required)
            .field("slip_count", .int, .required)
            .field("at", .double, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("handovers").delete()
    }
}
