import FluentKit
import Records
import SQLKit

/// The children list and the council's queue page by keyset, never OFFSET: the children by (campaign, sort key, id),
/// the applications by (campaign, number), so each page is a range read however deep it is.
struct M0016_IndexListsForPaging: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "listed_children_order").on("listed_children")
            .column("campaign_id").column("sort_key").column("id").run()
        try await database.sql().create(index: "admission_applications_number").on("admission_applications")
            .column("campaign_id").column("number").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "admission_applications_number").run()
        try await database.sql().drop(index: "listed_children_order").run()
    }
}
