import Admissions
import Fluent
import Records
import Vapor

/// `hoso demo`: fills an empty database with the demo school and prints the logins; changes nothing when run again.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Fills an empty database with the demo school (Trường Tiểu học Trung Vương) and prints the logins." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let demo = DemoSchool(database: app.db, hasher: app.domain.hasher)
        switch try await demo.seed() {
        case .created(let logins):
            context.console.print("Đã tạo trường mẫu \(DemoSchool.schoolName), năm học 2026-2027.")
            Self.printLogins(logins, console: context.console)
        case .alreadyThere(let logins):
            context.console.print("Trường mẫu đã có sẵn; không thay đổi gì.")
            Self.printLogins(logins, console: context.console)
        case .otherSchoolExists(let name):
            context.console.error("Cơ sở dữ liệu đã có trường \"\(name)\"; không tạo dữ liệu mẫu.")
            return
        }
        let samples = try await DemoCampaign(database: app.db).seed()
        context.console.print("Đợt tuyển sinh mẫu 2027-2028 đang mở tại \(app.config.publicURL)/tuyen-sinh — thử với phụ huynh:")
        for sample in samples.prefix(3) {
            context.console.print("  mã \(sample.code.display), ngày sinh \(sample.birthDate.display) (\(sample.name))")
        }
    }

    static func printLogins(_ logins: [DemoSchool.Login], console: any Console) {
        console.print("Mật khẩu của mọi tài khoản mẫu: \(DemoSchool.password)")
        for login in logins {
            console.print("  \(login.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(login.name) — \(login.duty)")
        }
    }
}

/// `hoso create-admin`: creates the first principal account from the command line (instead of the setup page).
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "school", help: "School name") var school: String?
        @Option(name: "username", help: "Login name") var username: String?
        @Option(name: "name", help: "Full name, family name first") var name: String?
    }

    var help: String {
        "Sets up the school and its principal's account on an empty database. The password is read from HOSO_ADMIN_PASSWORD or asked for."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let school = signature.school ?? context.console.ask("Tên trường:")
        let username = signature.username ?? context.console.ask("Tên đăng nhập của hiệu trưởng:")
        let name = signature.name ?? context.console.ask("Họ và tên hiệu trưởng:")
        let password = ProcessInfo.processInfo.environment["HOSO_ADMIN_PASSWORD"] ?? context.console.ask("Mật khẩu:", isSecure: true)
        do {
            let account = try await app.domain.setup.run(
                FirstRunSetup(
                    schoolName: school, principalName: PersonName(kinhFullName: name), username: username,
                    password: password, passwordConfirmation: password))
            context.console.print("Đã tạo trường \(school) và tài khoản hiệu trưởng \(account.username).")
        } catch let problems as FieldProblems {
            for problem in problems.list { context.console.error("\(problem.field): \(problem.message)") }
            throw problems
        } catch RecordsError.alreadySetUp {
            context.console.error("Trường đã được thiết lập; hãy tạo tài khoản trong trang Cán bộ.")
            throw RecordsError.alreadySetUp
        }
    }
}

/// `hoso verify-audit`: walks the audit chain and reports the first broken link (exit status 1 if broken).
struct VerifyAuditCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Checks the audit log's hash chain and reports the first broken link." }

    struct Broken: Error {}

    func run(using context: CommandContext, signature: Signature) async throws {
        switch try await context.application.domain.audit.verify() {
        case .intact(let entries):
            context.console.print("Nhật ký nguyên vẹn: \(entries) mục, chuỗi mã băm khớp.")
        case .broken(let seq, let reason):
            context.console.error("Nhật ký bị hỏng tại mục số \(seq): \(reason)")
            throw Broken()
        }
    }
}

/// `hoso migrate`: brings the database schema up to date (also done on every start) and exits.
struct MigrateOnlyCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Brings the database schema up to date and exits." }

    func run(using context: CommandContext, signature: Signature) async throws {
        // The start has just brought the schema up to date (configure migrates before any command runs).
        var applied = context.application.storage[MigrationsAppliedKey.self]
        if applied == nil { applied = try await migrate(context.application) }
        context.console.print(applied == 0 ? "Cơ sở dữ liệu đã ở phiên bản mới nhất." : "Cơ sở dữ liệu đã được cập nhật.")
    }
}

/// `hoso lottery-verify`: recomputes every drawn campaign from the stored applications and the published seed and
/// reports each difference (exit status 1 if any).
struct LotteryVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Recomputes each campaign's draw from its published seed and the verified applications, and compares." }

    struct Mismatch: Error {}

    func run(using context: CommandContext, signature: Signature) async throws {
        let domain = context.application.domain
        var broken = false
        for campaign in try await domain.campaigns.list(by: .system()) {
            guard try await domain.draws.state(campaign.id, by: .system())?.result != nil else { continue }
            let differences = try await domain.draws.verify(campaign.id, by: .system())
            if differences.isEmpty {
                context.console.print("\(campaign.title): kết quả bốc thăm khớp.")
            } else {
                broken = true
                context.console.error("\(campaign.title): \(differences.count) chỗ không khớp:")
                for difference in differences { context.console.error("  \(difference)") }
            }
        }
        if broken { throw Mismatch() }
    }
}
