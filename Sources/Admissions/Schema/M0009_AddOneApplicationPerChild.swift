import FluentKit
import Records
import SQLKit

/// A child has at most one application per campaign, whichever code it came through.
struct M0009_AddOneApplicationPerChild: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "admission_applications_one_per_child").unique()
            .on("admission_applications").column("campaign_id").column("child_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "admission_applications_one_per_child").run()
    }
}
