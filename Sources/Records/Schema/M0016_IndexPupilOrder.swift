import FluentKit
import SQLKit

/// The pupils list pages through the register in Vietnamese name order with a keyset (sort key, id), never OFFSET:
/// this index makes each page a range read however deep it is.
struct M0016_IndexPupilOrder: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "students_sort").on("students").column("sort_key").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "students_sort").run()
    }
}
