import FluentKit

enum SchoolYears {
    /// The current school year; every school has one after first‑run setup.
    static func current(on db: any Database) async throws -> SchoolYearRow {
        guard let year = try await SchoolYearRow.query(on: db).filter(\.$isCurrent == true).first() else {
            throw RecordsError.notSetUp
        }
        return year
    }
}
