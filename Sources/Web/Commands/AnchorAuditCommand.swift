import Records
import Vapor

/// `hoso anchor-audit`: signs the audit chain's head with the school's seal now (the minute job does it daily).
struct AnchorAuditCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Signs the audit log's head with the school's seal now (the background job does it once a day)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard try await context.application.domain.keys.seal() != nil else {
            context.console.error("Trường chưa có con dấu số: không ký được đầu chuỗi nhật ký (no school seal).")
            throw CommandFailed()
        }
        if let anchor = try await context.application.domain.anchors.anchor() {
            context.console.print("Đã ký đầu chuỗi nhật ký: mục số \(anchor.seq), mã băm \(anchor.hash.prefix(16))… (audit head signed).")
        } else {
            context.console.print("Đầu chuỗi nhật ký đã được ký, không có mục mới (nothing new to sign).")
        }
    }
}
