import FluentKit
import Foundation
import SQLKit

/// On SQLite, one writing transaction of this process at a time, queued in memory. SQLite lets one connection write
/// at a time; hoso holds one connection per event loop, and a second writer that finds the lock taken waits in
/// SQLite's busy handler, which sleeps 1, 2, 5, 10… ms between tries while its event loop's connection serves nobody.
/// Measured on an opening morning that was a third of the server's time idle. Queued here instead, the next writer
/// starts the moment the last one commits. PostgreSQL has row locks and passes straight through. A gated write that
/// starts another (in the same task or a child task) is not queued again.
public enum WriteGate {
    @TaskLocal static var held = false
    private static let queue = WaiterQueue()

    /// Runs `body` as the process's one writer when `database` is SQLite; at once otherwise.
    public static func run<T: Sendable>(on database: any Database, _ body: @Sendable () async throws -> T) async throws -> T {
        guard !held, (database as? any SQLDatabase)?.dialect.name == "sqlite" else { return try await body() }
        await queue.acquire()
        defer { queue.release() }
        return try await $held.withValue(true) { try await body() }
    }

    /// A first-come, first-served lock for tasks: a waiter is resumed, never spins or sleeps.
    final class WaiterQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var busy = false
        private var waiters: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let now = lock.withLock { () -> Bool in
                    if !busy {
                        busy = true
                        return true
                    }
                    waiters.append(waiter)
                    return false
                }
                if now { waiter.resume() }
            }
        }

        func release() {
            let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                if waiters.isEmpty {
                    busy = false
                    return nil
                }
                return waiters.removeFirst()
            }
            next?.resume()
        }
    }
}
