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
        let pupils = try await DemoPupils(database: app.db).seed()
        let bank = CommentBank(database: app.db)
        if try await bank.phrases(by: .system()).isEmpty {
            for text in CommentBank.starters { try await bank.add(text, schools: true, by: .system()) }
        }
        if pupils > 0 {
            context.console.print(
                "Đã ghi \(pupils) học sinh vào sổ đăng bộ và 15 lớp năm học 2026-2027 (có vài học sinh chuyển lớp, chuyển trường).")
        }
        if try await app.domain.keys.summary(by: .system()).authority == nil {
            try await app.domain.keys.makeTrialAuthority(by: .system())
            context.console.print(
                "Đã tạo CA thử nghiệm và con dấu số của trường; hiệu trưởng cấp chứng thư thử nghiệm cho giáo viên ở trang Chữ ký số.")
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
