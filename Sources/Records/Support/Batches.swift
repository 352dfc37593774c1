import FluentKit
import Foundation

/// Reading and writing many rows in a few statements, in slices small enough for every database: SQLite refuses a
/// statement with more than 32,766 parameters, PostgreSQL more than 65,535.
enum Batches {
    /// Values per `IN (…)` list.
    static let lookupSize = 500
    /// Rows per multi-row `INSERT` (each row binds one parameter per column).
    static let insertSize = 200

    /// `values` cut into slices of at most `size`.
    static func slices<T>(_ values: [T], size: Int = lookupSize) -> [ArraySlice<T>] {
        stride(from: 0, to: values.count, by: size).map { values[$0..<min($0 + size, values.count)] }
    }

    /// The rows of `Row` that `matching` selects for each slice of `values`, in as many queries as slices.
    static func rows<Row: Model, Value>(
        _ type: Row.Type, in values: [Value], on db: any Database,
        matching: (QueryBuilder<Row>, [Value]) -> QueryBuilder<Row>
    ) async throws -> [Row] {
        var result: [Row] = []
        for slice in slices(values) {
            result += try await matching(Row.query(on: db), Array(slice)).all()
        }
        return result
    }

    /// Inserts `rows` with one multi-row statement per slice, counting each slice on `counter`.
    static func insert<Row: Model>(_ rows: [Row], on db: any Database, counting counter: WriteCounter? = nil) async throws {
        for slice in slices(rows, size: insertSize) {
            try await Array(slice).create(on: db)
            counter?.add(slice.count)
        }
    }
}
