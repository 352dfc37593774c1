import Admissions
import Fluent
import Records
import Vapor

/// `hoso verify-audit`: walks the audit chain and reports the first broken link (exit status 1 if broken).
struct VerifyAuditCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Checks the audit log's hash chain and reports the first broken link." }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch try await context.application.domain.audit.verify() {
        case .intact(let entries):
            context.console.print("Nhật ký nguyên vẹn: \(entries) mục, chuỗi mã băm khớp.")
        case .broken(let seq, let reason):
            context.console.error("Nhật ký bị hỏng tại mục số \(seq): \(reason)")
            throw CommandFailed()
        }
    }
}
