import Admissions
import Fluent
import Records
import Vapor

/// `hoso verify-audit`: walks the audit chain, checks it against every head signed with the school's seal, and the
/// register and the assessment book against the log's last record of them; names each problem (exit status 1).
struct VerifyAuditCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String {
        "Checks the audit log: its hash chain, the heads signed with the school's seal, and the records against the log."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let report = try await context.application.domain.anchors.verify()
        switch report.chain {
        case .intact(let entries):
            context.console.print("Chuỗi mã băm khớp: \(entries) mục (hash chain intact: \(entries) entries).")
        case .broken(let seq, let reason):
            context.console.error("Nhật ký bị hỏng tại mục số \(seq): \(reason) (chain broken at entry \(seq)).")
        }
        context.console.print("Đầu chuỗi đã ký khớp: \(report.anchors); bản ghi đã đối chiếu: \(report.records).")
        for problem in report.problems { context.console.error(problem) }
        guard report.isIntact else { throw CommandFailed() }
        context.console.print("Nhật ký nguyên vẹn (audit log intact).")
    }
}
