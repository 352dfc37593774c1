import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

/// The audit log against a forger who can write the database: records changed behind the log's back, a chain
/// recomputed with the published rule and a tail cut off are each named once the head is signed with the seal.
@Suite struct AuditAnchorTests {
    static func anchors(_ db: any Database, file: URL? = nil) -> AuditAnchors {
        AuditAnchors(database: db, keys: SchoolKeys(database: db, vault: KeyVault(key: Array(repeating: 7, count: 32))), file: file)
    }

    @Test func aSubjectResultChangedInTheDatabaseIsNamedWithTheEntryThatRecordedIt() async throws {
        try await TestDatabase.withFresh { db in
            let w = try await AssessmentEntryTests.makeOpen(on: db)
            try await w.service.saveSubject(
                class: w.class4A.id, subject: w.subject.id, checkpoint: .endTerm1,
                entries: [SubjectEntry(studentID: w.pupils[0], level: "T", score: 9, comment: "Em đọc to, rõ ràng.")], by: w.english)
            let clean = try await Self.anchors(db).verify()
            #expect(clean.isIntact, "\(clean.problems)")
            #expect(clean.records >= 3)
            try await db.sql().raw("UPDATE assessment_values SET score = 10 WHERE student_id = \(bind: w.pupils[0].uuid)").run()
            let forged = try await Self.anchors(db).verify()
            #expect(!forged.isIntact)
            #expect(
                forged.problems.contains { $0.contains("Nguyễn Thị Ánh") && $0.contains("Ngoại ngữ 1") && $0.contains("ngoài hoso") },
                "\(forged.problems)")
        }
    }

    @Test func anAnchorSignedWithAnotherKeyIsAForgeryAndOneWithoutASealIsNotMade() async throws {
        try await TestDatabase.withFresh { db in
            let w = try await AssessmentEntryTests.make(on: db)
            let keys = SchoolKeys(database: db, vault: KeyVault(key: Array(repeating: 7, count: 32)))
            #expect(try await Self.anchors(db).anchor() == nil)
            try await keys.makeTrialAuthority(by: w.world.principal)
            let anchor = try #require(try await Self.anchors(db).anchor())
            #expect(try await Self.anchors(db).anchor() == nil, "nothing new to sign")
            // The same rows read with another vault: the seal does not open, so its heads are not trusted.
            let stranger = AuditAnchors(
                database: db, keys: SchoolKeys(database: db, vault: KeyVault(key: Array(repeating: 9, count: 32))), file: nil)
            let report = try await stranger.verify()
            #expect(report.problems.contains { $0.contains("mục số \(anchor.seq)") && $0.contains("không mang chữ ký hợp lệ") })
            #expect(try await Self.anchors(db).verify().isIntact)
        }
    }
}
