import FluentKit
import Foundation
import SQLKit
import TestSupport
import Testing

@testable import Records

/// `hoso verify-audit` against a forger who holds the SQLite file (not the key file): a register entry edited, the
/// chain recomputed with the published hash rule, and the tail cut with the head moved back (the signed heads in the
/// database deleted too) are each named, once the demo school's head was signed with its seal.
@Suite struct AuditForgeryTests {
    @Test func aForgerWithTheDatabaseFileIsNamedByVerifyAudit() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path))
        let folder = try CommandLineTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandLineTests.run(["demo"], in: folder).status == 0)
        let signed = try CommandLineTests.run(["anchor-audit"], in: folder)
        #expect(signed.status == 0 && signed.output.contains("Đã ký đầu chuỗi"), "\(signed.output)")
        let clean = try CommandLineTests.run(["verify-audit"], in: folder)
        #expect(clean.status == 0 && clean.output.contains("Đầu chuỗi đã ký khớp: 1"), "\(clean.output)")
        let file = folder.appendingPathComponent("hoso.sqlite")
        let pristine = try Data(contentsOf: file)
        func restore() throws { try pristine.write(to: file) }

        // A register entry edited in the file; the log untouched.
        try await CommandLineTests.withFile(file.path) { db in
            try await db.sql().raw("UPDATE register_entries SET father_name = 'Người Khác' WHERE register_number = 1").run()
        }
        let edited = try CommandLineTests.run(["verify-audit"], in: folder)
        #expect(edited.status == 1)
        #expect(edited.output.contains("Sổ đăng bộ số 1/2026") && edited.output.contains("đã bị sửa ngoài hoso"), "\(edited.output)")

        // An entry's summary changed and every hash after it recomputed with the published rule, the head moved on.
        try restore()
        try await CommandLineTests.withFile(file.path) { db in
            let rows = try await AuditEntryRow.query(on: db).sort(\.$id).all()
            var previous = rows[8].hash
            for row in rows[9...] {
                if row.id == 10 { row.summary = "Không có gì" }
                row.prevHash = previous
                row.hash = AuditLog.hash(of: row, previous: previous)
                try await row.update(on: db)
                previous = row.hash
            }
            try await db.sql().raw("UPDATE audit_head SET hash = \(bind: previous) WHERE id = 1").run()
        }
        let recomputed = try CommandLineTests.run(["verify-audit"], in: folder)
        #expect(recomputed.status == 1)
        #expect(recomputed.output.contains("Chuỗi mã băm khớp"), "the chain alone looks intact: \(recomputed.output)")
        #expect(recomputed.output.contains("Chuỗi đã bị tính lại: mục số"), "\(recomputed.output)")

        // The last entries deleted, the head moved back to the new last one, the signed heads in the database too.
        try restore()
        try await CommandLineTests.withFile(file.path) { db in
            let keep = try #require(try await AuditEntryRow.find(500, on: db))
            try await db.sql().raw("DELETE FROM audit_entries WHERE seq > 500").run()
            try await db.sql().raw("UPDATE audit_head SET seq = 500, hash = \(bind: keep.hash) WHERE id = 1").run()
            try await db.sql().raw("DELETE FROM audit_anchors").run()
        }
        let cut = try CommandLineTests.run(["verify-audit"], in: folder)
        #expect(cut.status == 1)
        #expect(cut.output.contains("Nhật ký đã bị cắt") && cut.output.contains("chỉ còn 500 mục"), "\(cut.output)")
    }
}
