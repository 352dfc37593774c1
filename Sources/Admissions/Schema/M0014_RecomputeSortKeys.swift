import FluentKit
import Foundation
import Records

/// Rewrites the keys of listed children: the sort key in the digits-only form (see `Records.M0011_RecomputeSortKeys`),
/// the search key in both name orders without apostrophes, and the duplicate key from that search key.
struct M0014_RecomputeSortKeys: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        for row in try await ListedChildRow.query(on: database).all() {
            row.name = row.name
            row.dedupeKey = row.entry().dedupeKey
            try await row.save(on: database)
        }
    }

    /// The keys are derived from the stored names: nothing to undo.
    func revert(on database: any Database) async throws {}
}
