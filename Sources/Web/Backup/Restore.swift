import Fluent
import Foundation
import SQLKit

/// Puts a verified backup back into an empty place: the SQLite file (which must not exist yet) or an empty
/// PostgreSQL database or schema, and the uploads folder (which must be empty). Nothing is overwritten.
enum Restore {
    /// What was restored.
    struct Outcome {
        let manifest: BackupManifest
        let files: Int
    }

    /// Restores `folder` into the storage and uploads folder of `target`. `db` is the target PostgreSQL database
    /// (unused for SQLite, which is restored as a file before anything opens it).
    static func run(from folder: URL, into target: AppConfig, sqlitePath: String?, db: (any Database)?) async throws -> Outcome {
        let manifest = try Backups.verify(folder)
        let uploads = URL(fileURLWithPath: target.uploadsDirectory)
        guard BackupFiles.isEmptyFolder(uploads) else {
            throw BackupRefused(message: "Thư mục tệp tải lên \(uploads.path) không trống: khôi phục chỉ vào chỗ trống, không ghi đè.")
        }
        let snapshot = folder.appendingPathComponent(manifest.entries[0].path)
        switch manifest.database {
        case "sqlite":
            guard let path = sqlitePath else {
                throw BackupRefused(message: "Bản sao lưu này là SQLite; bỏ DATABASE_URL để khôi phục vào tệp hoso.sqlite.")
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes?[.size] as? Int, size > 0 {
                throw BackupRefused(message: "Đã có cơ sở dữ liệu \(path): khôi phục chỉ vào thư mục dữ liệu trống, không ghi đè.")
            }
            try? FileManager.default.removeItem(atPath: path)
            try BackupFiles.copy(snapshot, to: URL(fileURLWithPath: path))
        case "postgres":
            guard case .postgres(let url, let schema) = target.storage, let sql = db as? any SQLDatabase else {
                throw BackupRefused(message: "Bản sao lưu này là PostgreSQL; đặt DATABASE_URL tới một cơ sở dữ liệu trống.")
            }
            let tables = try await sql.raw(
                "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = \(bind: schema ?? "public")"
            ).first(decoding: Count.self)
            guard (tables?.n ?? 0) == 0 else {
                throw BackupRefused(message: "Cơ sở dữ liệu PostgreSQL đích đã có bảng: khôi phục chỉ vào cơ sở dữ liệu trống.")
            }
            // The dump creates its own schema; an empty one of the same name is made again by it.
            if let schema { try await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema)").run() }
            if let failure = try BackupFiles.run(
                "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname=" + url, snapshot.path])
            {
                throw BackupRefused(message: "pg_restore không khôi phục được: \(failure.prefix(500))")
            }
        default:
            throw BackupRefused(message: "Bản sao lưu ghi loại cơ sở dữ liệu “\(manifest.database)” mà hoso không biết.")
        }
        var files = 0
        for entry in manifest.entries.dropFirst() where entry.path.hasPrefix("files/") {
            try BackupFiles.copy(
                folder.appendingPathComponent(entry.path), to: uploads.appendingPathComponent(String(entry.path.dropFirst(6))))
            files += 1
        }
        return Outcome(manifest: manifest, files: files)
    }

    struct Count: Decodable { let n: Int }
}
