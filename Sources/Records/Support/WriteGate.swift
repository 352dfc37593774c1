import Foundation

/// Lets one write transaction at a time into the database from this process, the others waiting in memory in
/// arrival order.
///
/// Turned on for a SQLite file. SQLite takes one writer at a time anyway; without the gate, Fluent's connections
/// (one per event loop) race for the write lock and the loser sleeps in SQLite's busy handler (1, 2, 5 … 100 ms)
/// while every request of its event loop waits behind it — a lock convoy measured by `bench/opening-day`. With the
/// gate the waiting writer does not hold its connection and wakes the moment the lock is free. PostgreSQL does not
/// need it (row locks already queue writers without sleeping), and it is off for the in‑memory test databases, each
/// of which is private to one test.
///
/// Gate only the outermost write of an operation, never a write inside a gated transaction's body: Fluent runs a
/// transaction's body in a task of its own, so the gate cannot tell that it is already held there and the inner
/// write would wait for ever while holding the connection. (Within one task a nested `run` does go straight through.)
public final class WriteGate: @unchecked Sendable {
    /// The process's gate.
    public static let shared = WriteGate()


    /// A gate of its own (tests); the server uses ``shared``.
    public init() {}

    private let lock = NSLock()
    private var enabled = false
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    @TaskLocal static var holding = false

    /// Whether writes pass one at a time (set once at start‑up).
    public var isEnabled: Bool {
        get { lock.withLock { enabled } }
        set { lock.withLock { enabled = newValue } }
    }

    /// Runs `body` holding the gate when it is on.
    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard isEnabled, !Self.holding else { return try await body() }
        await acquire()
        defer { release() }
        return try await Self.$holding.withValue(true) { try await body() }
    }

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let enter = lock.withLock { () -> Bool in
                if busy {
                    waiting.append(continuation)
                    return false
                }
                busy = true
                return true
            }
            if enter { continuation.resume() }
        }
    }

    func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            if waiting.isEmpty {
                busy = false
                return nil
            }
            return waiting.removeFirst()
        }
        next?.resume()
    }
}
