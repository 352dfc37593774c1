import Admissions
import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

/// Submissions made at once through the write queue share transactions, in which the application number and the
/// audit chain's head are read once and counted on: the numbers still run 1, 2, 3… without a gap or a repeat, and
/// the chain still verifies, entry after entry.
@Suite struct GroupCommitTests {
    @Test func submissionsMadeAtOnceGetConsecutiveNumbersAndOneUnbrokenChain() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let principal = try await p.fixture.principalCaller()
            let lists = ListService(database: db, clock: p.fixture.clock.function)
            var accesses: [PortalAccess] = []
            var forms: [ApplicationForm] = []
            for index in 0..<30 {
                let child = try await lists.addChild(
                    ChildEntry(
                        name: PersonName(kinhFullName: "Trẻ Cùng Lúc \(index)"),
                        birthDate: SchoolDate(year: 2021, month: 1 + index % 12, day: 1 + index % 28), gender: .female),
                    to: p.campaign.id, kindergarten: nil, by: principal)
                guard let code = child.code else { throw FixtureError("the listed child got no code") }
                accesses.append(try await DeskService(database: db).access(code, by: principal))
                forms.append(completeForm(for: child.entry, index: index))
            }
            let entriesBefore = try await p.fixture.audit.entries(.init(), limit: nil, by: principal).count
            let queue = WriteQueue(maxBatch: 8) { db }
            let service = ApplicationService(database: db, clock: p.fixture.clock.function, writes: queue)
            let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
                for (access, form) in zip(accesses, forms) {
                    group.addTask { try await service.submit(form, for: access, by: principal).number }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(numbers.compactMap { $0 }.count == 30)
            let stored = try await db.sql().select().column("number").from("admission_applications")
                .where("campaign_id", .equal, SQLBind(p.campaign.id.uuid)).all(decodingColumn: "number", as: Int.self)
            #expect(stored.sorted() == Array(1...30))
            let entries = try await p.fixture.audit.entries(.init(), limit: nil, by: principal)
            #expect(entries.count == entriesBefore + 30)
            #expect(try await p.fixture.audit.verify() == .intact(entries: entries.count))
            #expect(queue.counts.batches < 30, "submissions made at once were batched: \(queue.counts)")
        }
    }

    @Test func anAuditedWriteInsideABatchedOneExtendsTheSameChain() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let queue = WriteQueue { db }
            let outer = AuditedWrite(database: db, queue: queue)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await outer.run(by: principal) { tx in
                            // One service calling another inside the batch's transaction.
                            try await AuditedWrite(database: tx).run(by: principal) { _ in
                                ((), [AuditEvent(action: "test.inner", entity: "t", entityID: "\(index)", summary: "Trong \(index)")])
                            }
                            return ((), [AuditEvent(action: "test.outer", entity: "t", entityID: "\(index)", summary: "Ngoài \(index)")])
                        }
                    }
                }
                try await group.waitForAll()
            }
            let entries = try await fixture.audit.entries(.init(), limit: nil, by: principal)
            #expect(entries.filter { $0.event.action.hasPrefix("test.") }.count == 12)
            #expect(try await fixture.audit.verify() == .intact(entries: entries.count))
            let head = try await db.sql().select().column("seq").from("audit_head").first(decodingColumn: "seq", as: Int.self)
            #expect(head == entries.map(\.seq).max())
        }
    }
}
