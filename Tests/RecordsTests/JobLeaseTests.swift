import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// Several hoso processes on one database: each background job runs in one of them at a time.
@Suite struct JobLeaseTests {
    @Test func aLeaseIsHeldByOneProcessRenewedByItAndTakenOverOnlyOnceExpired() async throws {
        try await TestDatabase.withFresh { db in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let first = JobLeases(database: db, holder: "node-1")
            let second = JobLeases(database: db, holder: "node-2")
            #expect(try await first.acquire("minute", for: 150, now: start))
            #expect(try await !second.acquire("minute", for: 150, now: start.addingTimeInterval(1)))
            // Another job's lease is its own.
            #expect(try await second.acquire("outbox", for: 150, now: start.addingTimeInterval(1)))
            // The holder renews; the other still waits past the first expiry.
            #expect(try await first.acquire("minute", for: 150, now: start.addingTimeInterval(100)))
            #expect(try await !second.acquire("minute", for: 150, now: start.addingTimeInterval(200)))
            // node-1 stops renewing (killed): node-2 takes over once the lease expired, and node-1 has lost it.
            #expect(try await second.acquire("minute", for: 150, now: start.addingTimeInterval(251)))
            #expect(try await !first.acquire("minute", for: 150, now: start.addingTimeInterval(252)))
            // A lease given back is free at once.
            try await second.release("minute")
            #expect(try await first.acquire("minute", for: 150, now: start.addingTimeInterval(253)))
        }
    }

    @Test func manyProcessesAskingAtOnceGiveOneHolder() async throws {
        try await TestDatabase.withFresh { db in
            let now = Date()
            let winners = try await ParallelConnections.run(on: db, connections: 5, tasks: 20) { index, connection in
                try await JobLeases(database: connection, holder: "node-\(index)").acquire("outbox", for: 150, now: now)
            }
            #expect(winners.filter { $0 }.count == 1)
        }
    }
}
