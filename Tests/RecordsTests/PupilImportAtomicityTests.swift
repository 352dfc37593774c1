import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

/// A 450-pupil import that fails on its 449th pupil writes nothing at all; the pupil that made it fail — a child
/// already admitted into the register (as grade-1 conversion does) — is named on the preview.
@Suite struct PupilImportAtomicityTests {
    static let givens = [
        "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Minh", "Ngọc", "Phúc", "Quyên", "Sơn", "Trang", "Uyên",
    ]
    static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
    static let middles = ["Văn", "Thị", "Minh"]

    @Test func aFailureOnRow449LeavesNothingWritten() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            _ = try await world.makeClass("3A", grade: 3)
            let class3Z = try await world.makeClass("3Z", grade: 3)
            var csv = "Mã định danh,Họ và tên,Ngày sinh,Giới tính,Lớp,Họ tên mẹ,Điện thoại mẹ\r\n"
            for index in 0..<450 {
                let name = "\(Self.families[index % 10]) \(Self.middles[(index / 10) % 3]) \(Self.givens[(index / 30) % 15])"
                // The fourth digit is the sex of a child born in the 2000s: 2 for a boy, 3 for a girl.
                let id = "001\(index % 2 == 0 ? 2 : 3)18" + String(format: "%06d", index + 1)
                let born = String(format: "%02d/%02d/2018", 1 + index % 28, 1 + (index / 28) % 12)
                csv +=
                    "\(id),\(name),\(born),\(index % 2 == 0 ? "Nam" : "Nữ"),\(index < 35 ? "3A" : "3B\(index / 35)"),Mẹ Thị \(Self.givens[index % 15]),09\(String(format: "%08d", 12_000_000 + index))\r\n"
            }
            let imports = PupilImportService(database: db, clock: world.fixture.clock.function)
            let batch = try await imports.upload(filename: "toan-truong.csv", bytes: Array(csv.utf8), year: world.year.id, by: world.clerk)
                .get()
            let chosen = try await imports.choose(PupilImportChoices(createMissingClasses: true), for: batch, by: world.clerk)
            let importable = chosen.isImportable
            let firstProblems = chosen.badLines.prefix(3).map(\.problems)
            #expect(importable, "\(firstProblems) \(chosen.columnProblems)")
            let lineCount = chosen.lines.count
            #expect(lineCount == 450)

            // Between the preview and the import, the child of row 449 is admitted into the register by another way.
            let line449 = chosen.lines[448].pupil
            var admitted = RegisterWorld.pupil(
                line449.name.full, born: (1, 1, 2018), sex: line449.sex ?? .male, in: class3Z, id: line449.personalID)
            admitted.child.birthDate = try #require(line449.birthDate)
            admitted.child.name = line449.name
            try await world.register.admit([admitted], into: world.year.id, by: world.clerk)

            var before: [String: Int] = [:]
            for table in ["students", "guardians", "student_guardians", "register_entries", "enrollments", "classes"] {
                before[table] = try await world.count(table)
            }
            let audit = try await world.auditCount()
            let counter = try await db.sql().raw("SELECT last_number FROM register_counter WHERE id = 1").first()?
                .decode(column: "last_number", as: Int.self)
            await #expect(throws: FieldProblems.self) { try await imports.commit(batch, by: world.clerk) }
            for (table, count) in before { #expect(try await world.count(table) == count, "rows left in \(table)") }
            #expect(try await world.auditCount() == audit)
            let after = try await db.sql().raw("SELECT last_number FROM register_counter WHERE id = 1").first()?
                .decode(column: "last_number", as: Int.self)
            #expect(after == counter, "no register number was consumed")
            #expect(try await world.fixture.audit.verify() == .intact(entries: audit))

            let preview = try await imports.preview(batch, by: world.clerk)
            let badLines = preview.badLines.map(\.line)
            #expect(badLines == [450], "line 450 of the file holds the 449th pupil")
            let problems = preview.badLines.first?.problems ?? []
            #expect(problems.contains { $0.hasPrefix("Học sinh này đã có trong sổ đăng bộ, số ") }, "\(problems)")
        }
    }
}
