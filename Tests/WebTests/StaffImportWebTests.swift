import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// A staff list whose role column hoso does not know by its header: the admin board says what it means on the
/// preview, hoso remembers it for the next file, and the import takes it.
@Suite struct StaffImportWebTests {
    @Test func anUnknownColumnIsChosenOnThePreviewAndRememberedForTheNextFile() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let board = TestBrowser(app)
            try await board.login("quantri", DemoSchool.password)
            let csv =
                "STT,Họ và tên,Nhiệm vụ được giao,Ghi chú\r\n1,Phạm Thị Thu,Văn thư,\r\n2,Trịnh Văn Long,\"Giáo viên, Thư ký hội đồng\",\r\n"
            let first = try await board.upload(Site.staffImport(), [], file: ("file", "cb.csv", Array(csv.utf8)))
            #expect(first.status == .ok)
            #expect(first.body.contains("<option value=\"ignored\" selected>Không nhập cột này</option>"))
            #expect(first.body.contains("Không ghi vai trò: giao vai trò Giáo viên."))
            let payload = try #require(first.body.firstMatch(of: /name="payload" value="([^"]+)"/)?.1)
            let fields: [(String, String)] = [
                ("payload", String(payload)), ("filename", "cb.csv"), ("column-0", "number"), ("column-1", "fullName"),
                ("column-2", "roles"), ("column-3", "ignored"),
            ]
            let chosen = try await board.post(Site.staffImportCheck(), fields)
            #expect(chosen.status == .ok)
            #expect(chosen.body.contains("Văn thư") && chosen.body.contains("Giáo viên, Văn thư"))
            #expect(!chosen.body.contains("Không ghi vai trò"))
            // The next file with the same header is read the same way without asking.
            let again = try await board.upload(Site.staffImport(), [], file: ("file", "cb-2.csv", Array(csv.utf8)))
            #expect(again.body.contains("<option value=\"roles\" selected>Vai trò (chức vụ)</option>"))
            let committed = try await board.post(Site.staffImportCommit(), fields)
            #expect(committed.status == .seeOther)
            let accounts = try await AccountService(database: app.db, hasher: app.domain.hasher).list(by: .system())
            let long = try #require(accounts.first { $0.name.full == "Trịnh Văn Long" })
            let grants = try await RoleService(database: app.db).grants(for: long.id)
            #expect(grants.roles == [.teacher, .clerk])
            #expect(long.awaitingPassword)
        }
    }
}
