import Foundation

/// A value read from the database at most once per `maxAge` seconds and kept in memory between requests (the school's
/// profile, the campaigns): every page needs it and it changes a few times a year. With `maxAge` 0 nothing is kept.
public final class KeptValue<Value: Sendable>: @unchecked Sendable {
    /// Seconds a copy is used before it is read again.
    public let maxAge: TimeInterval
    private let lock = NSLock()
    private var kept: (value: Value, at: Date)?

    /// Copies last `maxAge` seconds.
    public init(maxAge: TimeInterval) { self.maxAge = maxAge }

    /// The copy, if one was read less than `maxAge` seconds ago.
    public func fresh() -> Value? {
        guard maxAge > 0, let (value, at) = lock.withLock({ kept }), Date().timeIntervalSince(at) < maxAge else { return nil }
        return value
    }

    /// The fresh copy, or what `load` reads now (kept for the next `maxAge` seconds).
    public func value(load: () async throws -> Value) async throws -> Value {
        if let value = fresh() { return value }
        let value = try await load()
        if maxAge > 0 { lock.withLock { kept = (value, Date()) } }
        return value
    }

    /// Forgets the copy, so the next read goes to the database.
    public func invalidate() { lock.withLock { kept = nil } }
}
