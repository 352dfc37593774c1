import Fluent
import Foundation
import Vapor

/// `hoso backup [--to DIR] [--keep N]`: a consistent backup while the server runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "Folder for backups (default HOSO_BACKUP_DIR, or backups/ in the data folder)")
        var to: String?
        @Option(name: "keep", help: "Keep only this many newest backups (default HOSO_BACKUP_KEEP, 14)")
        var keep: Int?
    }

    var help: String { "Takes a consistent backup of the database and every uploaded file, with a manifest of hashes." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let backups = Backups(db: app.db, config: app.config)
        do {
            let summary = try await backups.make(
                in: signature.to.map { URL(fileURLWithPath: $0) }, keep: signature.keep ?? app.config.backupKeep)
            context.console.print(
                "Đã sao lưu vào \(summary.folder.path): \(summary.manifest.entries.count) tệp, "
                    + "\(ByteCountFormatter.string(fromByteCount: Int64(summary.manifest.totalSize), countStyle: .file)).")
        } catch let refused as BackupRefused {
            context.console.error(refused.message)
            throw CommandFailed()
        }
    }
}

/// `hoso restore DIR`: puts a backup back into an empty data folder or database, after checking every hash.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "backup", help: "The backup folder (hoso-YYYYMMDD-HHMMSS)")
        var backup: String
    }

    var help: String { "Restores a backup into an empty data folder (SQLite) or an empty database (DATABASE_URL)." }

    /// The SQLite file a restore writes; set by the entry point, which keeps the database closed for it.
    nonisolated(unsafe) static var sqliteTarget: String?

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var target = app.config
        if let path = Self.sqliteTarget { target.storage = .sqliteFile(path) }
        do {
            let outcome = try await Restore.run(
                from: URL(fileURLWithPath: signature.backup), into: target, sqlitePath: Self.sqliteTarget,
                db: Self.sqliteTarget == nil ? app.db : nil)
            context.console.print(
                "Đã khôi phục bản sao lưu lúc \(outcome.manifest.createdAt) (\(outcome.manifest.database)), \(outcome.files) tệp tải lên. "
                    + "Chạy “hoso verify-audit” để kiểm tra nhật ký.")
        } catch let refused as BackupRefused {
            context.console.error(refused.message)
            throw CommandFailed()
        }
    }
}
