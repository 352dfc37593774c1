import ConsoleKit
import Fluent
import Foundation
import Records
import SQLKit
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct AccountWebTests {
    @Test func aResetPasswordMustBeChangedBeforeAnythingElse() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let admin = TestBrowser(app)
            try await admin.login("quantri", DemoSchool.password)
            let clerk = try #require(
                try await AccountService(database: app.db, hasher: app.domain.hasher).list(by: .system())
                    .first { $0.username == "vanthu" })
            #expect(try await admin.post("/admin/accounts/\(clerk.id)/reset-password", [("password", "tam-thoi-123")]).status == .seeOther)

            let browser = TestBrowser(app)
            try await browser.login("vanthu", "tam-thoi-123")
            #expect(try await browser.get("/school/classes").location == "/account")
            let mismatch = try await browser.post(
                "/account/password",
                [
                    ("current", "tam-thoi-123"), ("password", "mat-khau-rieng-1"),
                    ("passwordConfirmation", "mat-khau-rieng-2"),
                ])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.body.contains("Mật khẩu nhập lại không khớp."))
            let changed = try await browser.post(
                "/account/password",
                [
                    ("current", "tam-thoi-123"), ("password", "mat-khau-rieng-1"),
                    ("passwordConfirmation", "mat-khau-rieng-1"),
                ])
            #expect(changed.status == .seeOther)
            #expect(try await browser.get("/school/classes").status == .ok)
        }
    }

    @Test func whenThePrincipalRequiresASecondFactorStaffMustSetItUpFirst() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let principal = TestBrowser(app)
            try await principal.login("hieutruong", DemoSchool.password)
            #expect(try await principal.post("/admin/security", [("required", "true")]).status == .seeOther)
            #expect(try await SchoolService(database: app.db).profile()?.requireSecondFactor == true)
            let teacher = TestBrowser(app)
            let login = try await teacher.post("/login", [("username", "gvcn.2b"), ("password", DemoSchool.password)])
            #expect(login.location == "/account/second-factor")
            #expect(try await teacher.get("/school/classes").location == "/account/second-factor")
            let page = try await teacher.get("/account/second-factor")
            #expect(page.status == .ok)
            #expect(page.body.contains("Nhà trường yêu cầu"))
        }
    }

    @Test func verifyAuditCommandReportsTheFirstBrokenEntry() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["hoso"]))
            context.application = app
            try await app.asyncCommands.commands["verify-audit"]!.run(using: &context)
            #expect(console.output.contains("Nhật ký nguyên vẹn"))
            try await (app.db as! any SQLDatabase).raw("UPDATE audit_entries SET actor_name = 'Người khác' WHERE seq = 3").run()
            await #expect(throws: (any Error).self) { try await app.asyncCommands.commands["verify-audit"]!.run(using: &context) }
            #expect(console.output.contains("Nhật ký bị hỏng tại mục số 3"))
        }
    }
}

/// A console that records what commands print.
final class TestConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""
    var output: String { lock.withLock { buffer } }
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lock.withLock { buffer += text.description + (newLine ? "\n" : "") } }
    func report(error: String, newLine: Bool) { lock.withLock { buffer += error + (newLine ? "\n" : "") } }
    func clear(_ type: ConsoleClear) {}
}
