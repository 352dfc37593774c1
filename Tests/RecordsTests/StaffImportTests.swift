import Documents
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// Importing a school's staff list: accounts that stay closed until a first password is set, roles of the current
/// year read from the words schools write, homeroom classes, and a file that imports whole or not at all.
@Suite struct StaffImportTests {
    static let t = XLSXCell.text

    /// A personnel list as schools keep it: the school's name and a title above the header, "Chức vụ" for the
    /// roles, no usernames.
    static func staffList(_ people: [[XLSXCell]]) throws -> [UInt8] {
        var writer = XLSXWriter()
        let rows: [[XLSXCell]] =
            [
                [t("TRƯỜNG TIỂU HỌC KIỂM THỬ")], [t("DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN NĂM HỌC 2026-2027")],
                [t("STT"), t("Họ và tên"), t("Ngày sinh"), t("Chức vụ"), t("Điện thoại"), t("Email"), t("Chủ nhiệm lớp")],
            ] + people
        writer.addSheet(name: "CBGVNV", header: [], rows: rows)
        return try writer.data()
    }

    static let good: [[XLSXCell]] = [
        [.integer(1), t("Nguyễn Thị Lan"), t("02/03/1985"), t("Giáo viên"), .integer(912_000_111), t("lan.nt@truong.edu.vn"), t("3A")],
        [.integer(2), t("H'Mai Êban"), t("07/07/1990"), t("Giáo viên, Văn thư"), t("0905 111 333"), .empty, t("Lớp 3B")],
        [.integer(3), t("Trần Văn Hùng"), .empty, t("Phó hiệu trưởng"), .empty, .empty, .empty],
        [.integer(4), t("Lê Thị Nga"), .empty, t("Tổng phụ trách Đội"), .empty, .empty, .empty],
    ]

    @Test func aStaffListWithTitleRowsIsReadNamesRolesAndUsernamesMade() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            _ = try await world.makeClass("3A", grade: 3)
            _ = try await world.makeClass("3B", grade: 3)
            let imports = StaffImportService(database: db, clock: world.fixture.clock.function)
            let preview = try await imports.preview(try Self.staffList(Self.good), by: world.principal)
            #expect(preview.fileProblem == nil)
            #expect(preview.isImportable, "\(preview.lines.map(\.problems))")
            #expect(preview.lines.map(\.line) == [4, 5, 6, 7])
            #expect(preview.lines.map(\.username) == ["lannt", "hmaie", "hungtv", "ngalt"])
            #expect(preview.lines[0].phone == "0912000111", "Excel's dropped zero is put back")
            #expect(preview.lines[1].phone == "0905111333")
            #expect(preview.lines[1].name == PersonName(family: "Êban", given: "H'Mai", familyLast: true))
            #expect(preview.lines[1].roles == [.teacher, .clerk])
            #expect(preview.lines[2].roles == [.adminBoard])
            #expect(preview.lines[3].roles == [.teacher])
            #expect(preview.lines[3].notes.contains("Vai trò “Tổng phụ trách Đội” không có trong hoso: bỏ qua."))
        }
    }

    @Test func badLinesAreNamedAndNothingIsWrittenUntilTheFileIsFixed() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let class3A = try await world.makeClass("3A", grade: 3)
            _ = try await world.makeClass("3B", grade: 3)
            let imports = StaffImportService(database: db, clock: world.fixture.clock.function)
            var bad = Self.good
            bad[1][6] = Self.t("5C")  // no such class
            bad[2][4] = Self.t("0912000111")  // the first line's phone
            bad.append([.integer(5), Self.t("Phạm Văn Bình"), .empty, Self.t("Giáo viên"), .empty, Self.t("vanthu@x"), Self.t("3A")])
            let accounts = try await world.count("accounts")
            let audit = try await world.auditCount()
            let preview = try await imports.preview(try Self.staffList(bad), by: world.principal)
            #expect(!preview.isImportable)
            #expect(preview.badLines.map(\.line) == [5, 6, 8])
            #expect(preview.lines[1].problems == ["Năm học 2026-2027 không có lớp “5C”."])
            #expect(preview.lines[2].problems == ["Trùng với dòng 4 (cùng số điện thoại)."])
            #expect(preview.lines[4].problems == ["Email “vanthu@x” không hợp lệ.", "Lớp 3A đã được giao chủ nhiệm ở dòng 4."])
            await #expect(throws: FieldProblems.self) {
                try await imports.commit(try Self.staffList(bad), filename: "cb.xlsx", by: world.principal)
            }
            #expect(try await world.count("accounts") == accounts)
            #expect(try await world.auditCount() == audit)
            // A clerk may not import staff.
            await #expect(throws: RecordsError.self) { try await imports.preview(try Self.staffList(Self.good), by: world.clerk) }

            let result = try await imports.commit(try Self.staffList(Self.good), filename: "cb.xlsx", by: world.principal)
            #expect(result.accounts == 4 && result.homerooms == 2)
            #expect(try await world.count("accounts") == accounts + 4)
            let all = try await world.fixture.accounts.list(by: world.principal)
            let lan = try #require(all.first { $0.username == "lannt" })
            #expect(lan.isDisabled && lan.awaitingPassword && lan.mustChangePassword)
            #expect(lan.email == "lan.nt@truong.edu.vn")
            let classes = try await world.fixture.classes.list(year: world.year.id, by: world.principal)
            #expect(classes.first { $0.id == class3A.id }?.homeroomTeacherID == lan.id)
            #expect(classes.first { $0.name == "3B" }?.homeroomTeacherID == all.first { $0.username == "hmaie" }?.id)
            let grants = try await world.fixture.roles.grants(for: all.first { $0.username == "hmaie" }!.id)
            #expect(grants.roles == [.teacher, .clerk])
            let entries = try await world.fixture.audit.entries(.init(), by: world.principal)
            #expect(entries.count == audit + 1, "the import is one audit event")
            #expect(entries.first?.event.action == "staff.import")
            #expect(entries.first?.event.summary.hasPrefix("Nhập 4 tài khoản cán bộ từ tệp cb.xlsx") == true)
            #expect(try await world.fixture.audit.verify() == .intact(entries: audit + 1))

            // No password opens an imported account; its first password, set by the principal, does.
            await #expect(throws: RecordsError.invalidCredentials) {
                try await world.fixture.sessions.login(username: "lannt", password: "!", address: "1.2.3.4", userAgent: "")
            }
            try await world.fixture.accounts.resetPassword(lan.id, to: Fixture.password, by: world.principal)
            let opened = try await world.fixture.accounts.get(lan.id, by: world.principal)
            #expect(!opened.isDisabled && !opened.awaitingPassword)
            _ = try await world.fixture.sessions.login(username: "lannt", password: Fixture.password, address: "1.2.3.4", userAgent: "")

            // The same file again: every person is there already.
            let again = try await imports.preview(try Self.staffList(Self.good), by: world.principal)
            #expect(again.lines[0].problems.contains("Email lan.nt@truong.edu.vn đã thuộc tài khoản lannt."))
            #expect(again.lines[0].problems.contains("Lớp 3A đã có giáo viên chủ nhiệm Nguyễn Thị Lan."))
            #expect(again.lines[2].username == "hungtv2", "a made-up username is never one already taken")
        }
    }

    @Test func onlyThePrincipalImportsAPrincipal() async throws {
        try await TestDatabase.withFresh { db in
            let world = try await RegisterWorld.make(on: db)
            let board = try await world.fixture.caller(try await world.fixture.staff("bqt", "Đỗ Văn Quản", roles: [.adminBoard]))
            let imports = StaffImportService(database: db, clock: world.fixture.clock.function)
            let file = try Self.staffList([[.integer(1), Self.t("Vũ Văn Trưởng"), .empty, Self.t("Hiệu trưởng"), .empty, .empty, .empty]])
            let preview = try await imports.preview(file, by: board)
            #expect(preview.lines[0].problems == ["Chỉ hiệu trưởng giao được vai trò Hiệu trưởng."])
            #expect(try await imports.preview(file, by: world.principal).isImportable)
        }
    }
}
