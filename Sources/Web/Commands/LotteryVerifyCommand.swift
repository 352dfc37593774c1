import Admissions
import Fluent
import Records
import Vapor

/// `hoso lottery-verify`: recomputes every drawn campaign from the stored applications and the published seed and
/// reports each difference (exit status 1 if any).
struct LotteryVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Recomputes each campaign's draw from its published seed and the verified applications, and compares." }

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
        if broken { throw CommandFailed() }
    }
}
