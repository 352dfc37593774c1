import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

/// Group commit: writes made at once share transactions, each caller gets its own value once its batch committed,
/// and one write that fails is rolled back alone while the rest of its batch is kept — with the audit chain intact.
@Suite struct WriteQueueTests {
    struct Refused: Error, Equatable { let index: Int }

    static func names(on db: any Database) async throws -> Set<String> {
        // The job leases' table stands in for any table a write changes.
        Set(try await db.sql().select().column("name").from("job_leases").all(decodingColumn: "name", as: String.self))
    }

    @Test func writesMadeAtOnceShareCommitsAndAFailedOneIsUndoneAlone() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let entriesBefore = try await fixture.audit.entries(.init(), limit: nil, by: principal).count
            let queue = WriteQueue(maxBatch: 16) { db }
            let write = AuditedWrite(database: db, queue: queue)
            let outcomes = await withTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            let value = try await write.run(by: principal) { tx in
                                try await tx.sql().insert(into: "job_leases").columns("name", "holder", "until")
                                    .values(SQLBind("write-\(index)"), SQLBind("x"), SQLBind(0.0)).run()
                                // Every seventh write fails after writing: its row must not stay.
                                if index % 7 == 3 { throw Refused(index: index) }
                                return (
                                    index * 10,
                                    [AuditEvent(action: "test.write", entity: "test", entityID: "\(index)", summary: "Ghi \(index)")]
                                )
                            }
                            return (index, .success(value))
                        } catch let refused as Refused {
                            return (index, .failure(refused))
                        } catch {
                            Issue.record("unexpected \(error)")
                            return (index, .failure(Refused(index: -1)))
                        }
                    }
                }
                return await group.reduce(into: [Int: Result<Int, Refused>]()) { $0[$1.0] = $1.1 }
            }
            let failed = Set((0..<40).filter { $0 % 7 == 3 })
            for index in 0..<40 {
                #expect(outcomes[index] == (failed.contains(index) ? .failure(Refused(index: index)) : .success(index * 10)))
            }
            #expect(try await Self.names(on: db) == Set((0..<40).filter { !failed.contains($0) }.map { "write-\($0)" }))
            let entries = try await fixture.audit.entries(.init(), limit: nil, by: principal)
            #expect(entries.count == entriesBefore + 40 - failed.count)
            #expect(try await fixture.audit.verify() == .intact(entries: entries.count))
            let counts = queue.counts
            #expect(counts.writes == 40)
            #expect(counts.batches < 40, "writes made at once were batched: \(counts)")
        }
    }

    @Test func aWriteAloneFailsWithoutLeavingAnythingAndTheQueueGoesOn() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let write = AuditedWrite(database: db, queue: WriteQueue { db })
            await #expect(throws: Refused(index: 1)) {
                try await write.run(by: principal) { tx -> (Int, [AuditEvent]) in
                    try await tx.sql().insert(into: "job_leases").columns("name", "holder", "until")
                        .values(SQLBind("alone"), SQLBind("x"), SQLBind(0.0)).run()
                    throw Refused(index: 1)
                }
            }
            #expect(try await Self.names(on: db).isEmpty)
            let value = try await write.run(by: principal) { _ in
                (7, [AuditEvent(action: "test", entity: "t", entityID: "1", summary: "Ghi")])
            }
            #expect(value == 7)
            #expect(
                try await fixture.audit.verify()
                    == .intact(entries: try await fixture.audit.entries(.init(), limit: nil, by: principal).count))
        }
    }
}
