import FluentKit
import Foundation
import Records

/// Rewrites the sort keys of listed children in the digits-only form (see `Records.M0011_RecomputeSortKeys`).
struct M0014_RecomputeSortKeys: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        for row in try await ListedChildRow.query(on: database).all() {
            row.name = row.name
            try await row.save(on: database)
        }
    }

    /// The keys are derived from the stored names: nothing to undo.
    func revert(on database: any Database) async throws {}
}
