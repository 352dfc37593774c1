import FluentKit
import Foundation

/// Rewrites every stored name key: the sort key in the digits-only form of `VietnameseText.collationKey`, whose order
/// no database collation can change (the earlier keys used `.` and `|`, which `vi_VN.UTF-8` and `en_US.UTF-8` skip),
/// and the search key in both name orders without apostrophes (`PersonName.searchKey`).
struct M0011_RecomputeSortKeys: RecordsMigration {
    func prepare(on database: any Database) async throws {
        for row in try await AccountRow.query(on: database).all() {
            row.name = row.name
            try await row.save(on: database)
        }
        for row in try await StudentRow.query(on: database).all() {
            row.name = row.name
            try await row.save(on: database)
        }
        for row in try await GuardianRow.query(on: database).all() {
            row.name = row.name
            try await row.save(on: database)
        }
        for row in try await ClassRow.query(on: database).all() {
            row.sortKey = ClassRow.sortKey(grade: row.grade, name: row.name)
            try await row.save(on: database)
        }
    }

    /// The keys are derived from the stored names: nothing to undo.
    func revert(on database: any Database) async throws {}
}
