import Fluent
import Foundation
import SQLKit
import Vapor

/// Consistent backups of the whole school while the server runs: the database as one snapshot (`VACUUM INTO` on
/// SQLite, `pg_dump` on PostgreSQL), then every uploaded file, and a manifest of hashes written last. A folder is
/// complete only once renamed from `.partial-…`, so an interrupted backup is never mistaken for one.
struct Backups {
    let db: any Database
    let config: AppConfig
    let clock: @Sendable () -> Date

    init(db: any Database, config: AppConfig, clock: @escaping @Sendable () -> Date = Date.init) {
        self.db = db
        self.config = config
        self.clock = clock
    }

    /// One finished backup as the admin page lists it.
    struct Summary: Equatable {
        let name: String
        let folder: URL
        let manifest: BackupManifest
    }

    static func folderName(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "hoso-" + formatter.string(from: date)
    }

    /// Takes a backup into `directory` (the configured one by default), then keeps the `keep` newest.
    @discardableResult
    func make(in directory: URL? = nil, keep: Int? = nil) async throws -> Summary {
        let root = directory ?? URL(fileURLWithPath: config.backupDirectory)
        let now = clock()
        var name = Self.folderName(now)
        var suffix = 1
        while FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path) {
            suffix += 1
            name = Self.folderName(now) + "-\(suffix)"
        }
        let partial = root.appendingPathComponent(".partial-" + name)
        try? FileManager.default.removeItem(at: partial)
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        do {
            var manifest = BackupManifest(createdAt: ISO8601DateFormatter().string(from: now), database: "", entries: [])
            let snapshot: String
            switch config.storage {
            case .sqliteFile, .sqliteMemory:
                snapshot = "database.sqlite"
                manifest.database = "sqlite"
                guard let sql = db as? any SQLDatabase else { throw BackupRefused(message: "Không có cơ sở dữ liệu SQL.") }
                let target = partial.appendingPathComponent(snapshot).path.replacingOccurrences(of: "'", with: "''")
                try await sql.raw("VACUUM INTO '\(unsafeRaw: target)'").run()
            case .postgres(let url, let schema):
                snapshot = "database.pgdump"
                manifest.database = "postgres"
                manifest.schema = schema
                var arguments = [
                    "--format=custom", "--no-owner", "--no-privileges", "--file=" + partial.appendingPathComponent(snapshot).path,
                ]
                if let schema { arguments.append("--schema=" + schema) }
                if let failure = try BackupFiles.run("pg_dump", arguments + [url]) {
                    throw BackupRefused(message: "pg_dump không sao lưu được: \(failure.prefix(500))")
                }
            case .none:
                throw BackupRefused(message: "Chưa cấu hình cơ sở dữ liệu.")
            }
            let (size, hash) = try BackupFiles.sha256(partial.appendingPathComponent(snapshot))
            manifest.entries.append(.init(path: snapshot, size: size, sha256: hash))
            // Files after the snapshot: every file a stored row names was written before its row, so it is here.
            let uploads = URL(fileURLWithPath: config.uploadsDirectory)
            for path in BackupFiles.files(under: uploads) {
                let target = partial.appendingPathComponent("files/" + path)
                try BackupFiles.copy(uploads.appendingPathComponent(path), to: target)
                let (size, hash) = try BackupFiles.sha256(target)
                manifest.entries.append(.init(path: "files/" + path, size: size, sha256: hash))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: partial.appendingPathComponent(BackupManifest.fileName), options: .atomic)
            let folder = root.appendingPathComponent(name)
            try FileManager.default.moveItem(at: partial, to: folder)
            if let keep { try prune(root, keep: keep) }
            return Summary(name: name, folder: folder, manifest: manifest)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Finished backups in `directory`, newest first; folders without a readable manifest are left out.
    static func list(in directory: URL) -> [Summary] {
        names(in: directory).compactMap { summary(directory, $0) }
    }

    /// The newest finished backup, reading only as many manifests as it takes.
    static func newest(in directory: URL) -> Summary? {
        names(in: directory).lazy.compactMap { summary(directory, $0) }.first
    }

    static func names(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasPrefix("hoso-") }.sorted(by: >)
    }

    static func summary(_ directory: URL, _ name: String) -> Summary? {
        let folder = directory.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(BackupManifest.fileName)),
            let manifest = try? JSONDecoder().decode(BackupManifest.self, from: data)
        else { return nil }
        return Summary(name: name, folder: folder, manifest: manifest)
    }

    /// Removes all but the `keep` newest finished backups.
    func prune(_ directory: URL, keep: Int) throws {
        for old in Self.list(in: directory).dropFirst(max(1, keep)) { try FileManager.default.removeItem(at: old.folder) }
    }

    /// The backup's manifest, once every file it lists is there with its size and hash; otherwise why not.
    static func verify(_ folder: URL) throws -> BackupManifest {
        let manifestURL = folder.appendingPathComponent(BackupManifest.fileName)
        guard let data = try? Data(contentsOf: manifestURL) else {
            throw BackupRefused(
                message: "Thư mục \(folder.path) không có \(BackupManifest.fileName): đây không phải bản sao lưu hoàn chỉnh của hoso.")
        }
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: data), manifest.format == BackupManifest.currentFormat,
            let first = manifest.entries.first, first.path.hasPrefix("database.")
        else { throw BackupRefused(message: "Tệp \(BackupManifest.fileName) bị hỏng hoặc không đúng định dạng của hoso.") }
        for entry in manifest.entries {
            guard !entry.path.contains(".."), !entry.path.hasPrefix("/") else {
                throw BackupRefused(message: "Bản sao lưu ghi một đường dẫn không hợp lệ: \(entry.path).")
            }
            let url = folder.appendingPathComponent(entry.path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw BackupRefused(message: "Bản sao lưu thiếu tệp \(entry.path): không khôi phục.")
            }
            let (size, hash) = try BackupFiles.sha256(url)
            guard size == entry.size, hash == entry.sha256 else {
                throw BackupRefused(
                    message:
                        "Tệp \(entry.path) trong bản sao lưu đã bị cắt ngắn hoặc thay đổi (kích thước hoặc mã băm không khớp): không khôi phục."
                )
            }
        }
        return manifest
    }
}
