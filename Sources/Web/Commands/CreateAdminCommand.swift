import Admissions
import Fluent
import Records
import Vapor

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
