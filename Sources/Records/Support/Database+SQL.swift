import FluentKit
import SQLKit

extension Database {
    /// The SQLKit view of this database; both drivers hoso supports (SQLite, PostgreSQL) provide one.
    public func sql() -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            preconditionFailure("hoso needs an SQL database (SQLite or PostgreSQL)")
        }
        return sql
    }
}
