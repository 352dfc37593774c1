import FluentKit
import Foundation
import NIOPosix
import Records
import SQLKit

/// Runs tasks over several connections to the database `db` belongs to, like the web server's event loops do, so
/// that writers really overlap (one pooled connection would queue them).
public enum ParallelConnections {
    public static func run<T: Sendable>(
        on db: any Database, connections: Int, tasks: Int,
        _ body: @escaping @Sendable (Int, any Database) async throws -> T
    ) async throws -> [T] {
        let threads = NIOThreadPool(numberOfThreads: connections + 1)
        threads.start()
        var sets: [Databases] = []
        var handles: [any Database] = []
        for index in 0..<connections {
            let databases = Databases(threadPool: threads, on: db.eventLoop)
            databases.use(db.context.configuration, as: DatabaseID(string: "parallel\(index)"))
            sets.append(databases)
            handles.append(databases.database(logger: db.logger, on: db.eventLoop)!)
        }
        do {
            if !TestDatabase.isPostgres {
                // As the server configures SQLite: WAL, and a busy timeout on every connection; 60 s rather than the
                // server's 10, as for PostgreSQL's pool: twenty queued writers on a loaded two-core CI machine must
                // not turn the queue into a timeout.
                try await db.sql().raw("PRAGMA journal_mode = WAL").run()
                for handle in handles { try await handle.sql().raw("PRAGMA busy_timeout = 60000").run() }
            }
            let pool = handles
            let results = try await withThrowingTaskGroup(of: (Int, T).self) { group in
                for index in 0..<tasks {
                    group.addTask { (index, try await body(index, pool[index % pool.count])) }
                }
                var results: [(Int, T)] = []
                for try await result in group { results.append(result) }
                return results.sorted { $0.0 < $1.0 }.map(\.1)
            }
            for databases in sets { await databases.shutdownAsync() }
            try await threads.shutdownGracefully()
            return results
        } catch {
            for databases in sets { await databases.shutdownAsync() }
            try? await threads.shutdownGracefully()
            throw error
        }
    }
}
