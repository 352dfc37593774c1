import Admissions
import Fluent
import Records
import Vapor

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
