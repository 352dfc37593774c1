import Admissions
import Crypto
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import Records
import SQLKit

/// Which database the suites run on: `HOSO_TEST_DB=sqlite` (default) or `postgres` with `HOSO_TEST_DATABASE_URL`.
public enum TestDatabase {
    public static var isPostgres: Bool { ProcessInfo.processInfo.environment["HOSO_TEST_DB"] == "postgres" }

    public static var postgresURL: String {
        ProcessInfo.processInfo.environment["HOSO_TEST_DATABASE_URL"] ?? "postgres://root:hoso@127.0.0.1:5432/hoso_test?sslmode=disable"
    }

    /// A schema name no other test uses, so PostgreSQL tests run side by side in one database.
    public static func uniqueSchema() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    }

    /// Runs `body` on a fresh, fully migrated database: a temporary SQLite file, or a new PostgreSQL schema that is
    /// dropped afterwards.
    public static func withFresh<T: Sendable>(_ body: @Sendable (any Database) async throws -> T) async throws -> T {
        let logger = Logger(label: "hoso.tests")
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        var schema: String?
        if isPostgres {
            let name = uniqueSchema()
            var config = try SQLPostgresConfiguration(url: postgresURL)
            config.searchPath = [name]
            // A generous wait for a connection: the concurrency tests queue 20 writers on a few connections, and a
            // loaded CI machine must not turn that queue into a timeout (60 s was once not enough: the whole suite
            // runs in parallel on two cores, and twenty serialized admissions took 140 s).
            databases.use(.postgres(configuration: config, connectionPoolTimeout: .seconds(300)), as: .psql)
            schema = name
        } else {
            // The same generous wait on SQLite, whose one connection per event loop the concurrency tests share.
            databases.use(.sqlite(.memory, connectionPoolTimeout: .seconds(300)), as: .sqlite)
        }
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        guard let db = databases.database(logger: logger, on: eventLoop) else { preconditionFailure("no database configured") }
        do {
            if let schema { try await (db as! any SQLDatabase).raw("CREATE SCHEMA \(ident: schema)").run() }
            let migrations = Migrations()
            migrations.add(RecordsSchema.migrations)
            migrations.add(AdmissionsSchema.migrations)
            let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: eventLoop)
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
            let result = try await body(db)
            if let schema { try await (db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
            await databases.shutdownAsync()
            return result
        } catch {
            if let schema { try? await (db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
            await databases.shutdownAsync()
            throw error
        }
    }
}

/// A salted SHA‑256 stand‑in for bcrypt in domain tests (bcrypt itself is Vapor's and runs in the web tests).
public struct TestHasher: PasswordHasher {
    public init() {}

    public func hash(_ password: String) async throws -> String {
        let salt = UUID().uuidString
        return salt + "$" + Self.digest(salt + password)
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let parts = hash.split(separator: "$", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return false }
        return Self.digest(parts[0] + password) == parts[1]
    }

    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// A clock the test moves by hand.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }

    public var now: Date { lock.withLock { current } }
    public func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    public var function: @Sendable () -> Date { { [self] in self.now } }
}

/// The number of rows of `table`, or of those whose `column` equals `value`: for tests that check what was (not)
/// written, without the module's internal model types.
public func rowCount(_ table: String, where column: String? = nil, is value: String = "", on db: any Database) async throws -> Int {
    let sql = db as! any SQLDatabase
    let query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
    if let column { query.where(SQLColumn(column), .equal, SQLBind(value)) }
    return try await query.first()?.decode(column: "n", as: Int.self) ?? -1
}
