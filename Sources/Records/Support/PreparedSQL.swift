import Foundation
import SQLKit

/// A query whose text is built and serialized once per SQL dialect, then run again and again with new values.
///
/// SQLKit serializes a query's whole expression tree (every column, alias and quoted identifier) on every run; for the
/// join behind each page of a parent's flow that was 8 % of the server's time under load (issue 15). A prepared query
/// is built by the same builder, once, with numbered placeholders; each run writes the stored text and binds the
/// values in the order the text needs them.
///
/// ```swift
/// static let byCode = PreparedSQL(binds: 1) { sql, bind in
///     sql.select().column("status").from("registration_codes").where("code", .equal, bind[0]).limit(1)
/// }
/// let row = try await Self.byCode.first(on: database.sql(), [code.symbols])
/// ```
public final class PreparedSQL: @unchecked Sendable {
    private struct Text: Sendable {
        let sql: String
        /// For each placeholder of `sql`, in order, which of the run's values it takes.
        let order: [Int]
    }

    private let count: Int
    private let build: @Sendable (any SQLDatabase, [SQLBind]) -> any SQLQueryBuilder
    /// Guarded by `lock`: the text per dialect name.
    private var texts: [String: Text] = [:]
    private let lock = NSLock()

    /// A query taking `binds` values; `build` makes it with `bind[0]`, `bind[1]`, … where the values go.
    public init(binds: Int, _ build: @escaping @Sendable (any SQLDatabase, [SQLBind]) -> any SQLQueryBuilder) {
        self.count = binds
        self.build = build
    }

    /// The rows the query gives with `values` (as many as `binds`, in the order of `bind`).
    public func all(on database: any SQLDatabase, _ values: [any Encodable & Sendable]) async throws -> [any SQLRow] {
        try await Fetch(query: expression(on: database, values), database: database).all()
    }

    /// The first row the query gives with `values`; the query itself should say `LIMIT 1` when only one is wanted.
    public func first(on database: any SQLDatabase, _ values: [any Encodable & Sendable]) async throws -> (any SQLRow)? {
        try await Fetch(query: expression(on: database, values), database: database).first()
    }

    /// Runs the query with `values`, for its effect.
    public func run(on database: any SQLDatabase, _ values: [any Encodable & Sendable]) async throws {
        try await Fetch(query: expression(on: database, values), database: database).run()
    }

    /// The stored text for `database`'s dialect (made now if it is the first run there) with `values` bound.
    func expression(on database: any SQLDatabase, _ values: [any Encodable & Sendable]) -> any SQLExpression {
        precondition(values.count == count, "PreparedSQL takes \(count) values, given \(values.count)")
        let dialect = database.dialect.name
        let text: Text
        if let kept = lock.withLock({ texts[dialect] }) {
            text = kept
        } else {
            let markers = (0..<count).map { SQLBind(Marker(index: $0)) }
            let serialized = database.serialize(build(database, markers).query)
            text = Text(
                sql: serialized.sql,
                order: serialized.binds.map {
                    guard let marker = $0 as? Marker else { preconditionFailure("A prepared query binds only through `bind`") }
                    return marker.index
                })
            lock.withLock { texts[dialect] = text }
        }
        return Serialized(sql: text.sql, binds: text.order.map { values[$0] })
    }

    /// Where a value goes, while the text is made.
    struct Marker: Encodable, Sendable {
        let index: Int
    }

    /// Text already serialized, written as it is, with its values.
    struct Serialized: SQLExpression {
        let sql: String
        let binds: [any Encodable & Sendable]

        func serialize(to serializer: inout SQLSerializer) {
            serializer.sql += sql
            serializer.binds += binds
        }
    }

    final class Fetch: SQLQueryFetcher {
        let query: any SQLExpression
        let database: any SQLDatabase

        init(query: any SQLExpression, database: any SQLDatabase) {
            self.query = query
            self.database = database
        }
    }
}
