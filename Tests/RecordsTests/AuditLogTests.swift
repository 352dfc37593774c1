import FluentKit
import Records
import SQLKit
import TestSupport
import Testing

@Suite struct AuditLogTests {
    @Test func everyChangeIsChainedAndTheChainVerifies() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            try await fixture.classes.create(ClassDraft(name: "1A", grade: 1), by: principal)
            let entries = try await fixture.audit.entries(.init(), limit: nil, by: principal)
            #expect(entries.first?.event.summary.contains("Tạo lớp 1A") == true)
            #expect(entries.first?.actorName == "Nguyễn Văn Minh")
            #expect(entries.first?.actorRole == "Hiệu trưởng")
            #expect(entries.first?.address == "127.0.0.1")
            #expect(entries.map(\.seq) == Array((1...entries.count).reversed()))
            #expect(try await fixture.audit.verify() == .intact(entries: entries.count))
        }
    }

    @Test func editingARowBehindTheAppsBackIsCaughtAtThatRow() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            try await fixture.classes.create(ClassDraft(name: "1A", grade: 1), by: principal)
            try await fixture.classes.create(ClassDraft(name: "1B", grade: 1), by: principal)
            try await (db as! any SQLDatabase).raw("UPDATE audit_entries SET summary = 'Tạo lớp 1C' WHERE seq = 2").run()
            #expect(try await fixture.audit.verify() == .broken(seq: 2, reason: "Nội dung đã bị sửa (mã băm không khớp)"))
        }
    }

    @Test func removingTheLastRowsIsCaught() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            try await fixture.classes.create(ClassDraft(name: "1A", grade: 1), by: principal)
            let count = try await fixture.audit.entries(.init(), limit: nil, by: principal).count
            try await (db as! any SQLDatabase).raw("DELETE FROM audit_entries WHERE seq = \(literal: count)").run()
            guard case .broken(let seq, _) = try await fixture.audit.verify() else {
                Issue.record("deletion not detected")
                return
            }
            #expect(seq == count)
        }
    }

    @Test func removingAMiddleRowIsCaught() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            try await (db as! any SQLDatabase).raw("DELETE FROM audit_entries WHERE seq = 2").run()
            #expect(try await fixture.audit.verify() == .broken(seq: 2, reason: "Thiếu mục số 2"))
        }
    }

    @Test func parallelWritersKeepASingleIntactChain() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    group.addTask { try await fixture.classes.create(ClassDraft(name: "2-\(index)", grade: 2), by: principal) }
                }
                try await group.waitForAll()
            }
            #expect(try await fixture.classes.list(by: principal).count == 12)
            guard case .intact(let entries) = try await fixture.audit.verify() else {
                Issue.record("chain broken by parallel writers")
                return
            }
            #expect(entries == (try await fixture.audit.entries(.init(), limit: nil, by: principal)).count)
        }
    }

    @Test func filtersByEntityAndPerson() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let admin = try await fixture.staff("quantri", "Trần Thị Lan", roles: [.adminBoard])
            try await fixture.classes.create(ClassDraft(name: "1A", grade: 1), by: fixture.caller(admin))
            let byAdmin = try await fixture.audit.entries(.init(actorID: admin.id), by: principal)
            #expect(byAdmin.map(\.event.summary) == ["Tạo lớp 1A (khối 1) năm học \(try await fixture.school.currentYear().name)"])
            let accounts = try await fixture.audit.entries(.init(entity: "account"), by: principal)
            #expect(accounts.allSatisfy { $0.event.entity == "account" })
            #expect(accounts.contains { $0.event.summary.contains("quantri") })
        }
    }

    @Test func searchFindsWordsOfTheSummaryOrTheActorWithoutDiacriticsAndPagesByKeyset() async throws {
        try await TestDatabase.withFresh { db in
            let fixture = try await Fixture.make(on: db)
            let principal = try await fixture.principalCaller()
            let admin = try await fixture.staff("quantri", "Trần Thị Lan", roles: [.adminBoard])
            try await fixture.classes.create(ClassDraft(name: "1A", grade: 1), by: fixture.caller(admin))
            try await fixture.classes.create(ClassDraft(name: "1B", grade: 1), by: fixture.caller(admin))
            let created = try await fixture.audit.entries(.init(search: "TAO LOP"), by: principal)
            #expect(created.map(\.event.summary).allSatisfy { $0.hasPrefix("Tạo lớp 1") } && created.count == 2)
            let byName = try await fixture.audit.entries(.init(search: "tran thi lan"), by: principal)
            #expect(byName.count >= 2 && byName.contains { $0.actorName == "Trần Thị Lan" })
            #expect(try await fixture.audit.entries(.init(search: "khong co dau nay"), by: principal).isEmpty)
            // Keyset: the page after the newest entry holds the older ones only.
            let newest = try #require(created.first)
            let older = try await fixture.audit.entries(.init(search: "tao lop"), olderThan: newest.seq, by: principal)
            #expect(older.map(\.seq) == [created[1].seq])
        }
    }
}
