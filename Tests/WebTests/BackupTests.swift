import Fluent
import Foundation
import Records
import SQLKit
import TestSupport
import Testing
import Vapor

@testable import Web

/// Backups that restore: a round trip gives the same rows, the same files and an intact audit log; a damaged or
/// incomplete backup, or a place that is not empty, is refused; a backup taken while writes go on restores to a
/// consistent state. On SQLite, and on PostgreSQL when the suite runs there.
@Suite struct BackupTests {
    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The school's settings with its files under `dir` (and its SQLite file there when not on PostgreSQL).
    static func inFolder(_ dir: URL) -> (inout AppConfig) -> Void {
        { config in
            if !TestDatabase.isPostgres { config.storage = .sqliteFile(dir.appendingPathComponent("hoso.sqlite").path) }
            config.uploadsDirectory = dir.appendingPathComponent("uploads").path
            config.backupDirectory = dir.appendingPathComponent("backups").path
        }
    }

    /// Every table's row count.
    static func counts(_ db: any Database) async throws -> [String: Int] {
        struct Name: Decodable { let name: String }
        struct Count: Decodable { let n: Int }
        let sql = try #require(db as? any SQLDatabase)
        let names =
            TestDatabase.isPostgres
            ? try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()")
                .all(decoding: Name.self)
            : try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all(decoding: Name.self)
        var result: [String: Int] = [:]
        for table in names.map(\.name) {
            result[table] = try await sql.raw("SELECT count(*) AS n FROM \(ident: table)").first(decoding: Count.self)?.n ?? -1
        }
        return result
    }

    static func hashes(_ folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for path in BackupFiles.files(under: folder) { result[path] = try BackupFiles.sha256(folder.appendingPathComponent(path)).sha256 }
        return result
    }

    /// Restores `backup` into an empty place and calls `body` with the restored database; on PostgreSQL the
    /// school's own schema is emptied first (the dump names its schema), on SQLite a new folder is used.
    static func restored(
        _ backup: URL, from app: Application, _ body: (any Database, AppConfig) async throws -> Void
    ) async throws {
        let dir = try folder("restored")
        var target = app.config
        target.uploadsDirectory = dir.appendingPathComponent("uploads").path
        if case .postgres(_, let schema?) = app.config.storage, let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA \(ident: schema) CASCADE").run()
            try await sql.raw("CREATE SCHEMA \(ident: schema)").run()
            _ = try await Restore.run(from: backup, into: target, sqlitePath: nil, db: app.db)
            try await body(app.db, target)
            return
        }
        let path = dir.appendingPathComponent("hoso.sqlite").path
        target.storage = .sqliteFile(path)
        _ = try await Restore.run(from: backup, into: target, sqlitePath: path, db: nil)
        let second = try await Application.make(.testing)
        do {
            try await configure(second, target)
            try await body(second.db, target)
        } catch {
            try await second.asyncShutdown()
            throw error
        }
        try await second.asyncShutdown()
    }

    @Test func aBackupRestoresTheSameRowsFilesAndAnIntactAuditLog() async throws {
        let dir = try Self.folder("school")
        try await withHoso(adjusting: Self.inFolder(dir)) { app in
            _ = try await seedDemoCampaign(app)
            let uploads = URL(fileURLWithPath: app.config.uploadsDirectory)
            try BackupFiles.copy(URL(fileURLWithPath: #filePath), to: uploads.appendingPathComponent("ab/cd/giay-khai-sinh.bin"))
            try Data("ảnh".utf8).write(to: uploads.appendingPathComponent("anh.jpg"))
            let before = try await Self.counts(app.db)
            #expect((before["register_entries"] ?? 0) >= 0 && (before["accounts"] ?? 0) > 10)
            let summary = try await Backups(db: app.db, config: app.config).make()
            #expect(summary.manifest.entries.map(\.path).contains("files/ab/cd/giay-khai-sinh.bin"))
            #expect(Backups.list(in: URL(fileURLWithPath: app.config.backupDirectory)).map(\.name) == [summary.name])
            // Not into a place that holds a school already.
            await #expect(throws: BackupRefused.self) {
                try await Restore.run(
                    from: summary.folder, into: app.config,
                    sqlitePath: TestDatabase.isPostgres ? nil : dir.appendingPathComponent("hoso.sqlite").path, db: app.db)
            }
            let files = try Self.hashes(uploads)
            try await Self.restored(summary.folder, from: app) { db, target in
                #expect(try await Self.counts(db) == before)
                #expect(try Self.hashes(URL(fileURLWithPath: target.uploadsDirectory)) == files)
                let verdict = try await AuditLog(database: db).verify()
                #expect(verdict == .intact(entries: before["audit_entries"] ?? -1))
            }
        }
    }

    @Test func aDamagedOrIncompleteBackupIsRefusedWithWhatIsWrong() async throws {
        let dir = try Self.folder("damaged")
        try await withHoso(adjusting: Self.inFolder(dir)) { app in
            try await seedDemo(app)
            let uploads = URL(fileURLWithPath: app.config.uploadsDirectory)
            try BackupFiles.copy(URL(fileURLWithPath: #filePath), to: uploads.appendingPathComponent("x/tep.bin"))
            let summary = try await Backups(db: app.db, config: app.config).make()
            #expect(try Backups.verify(summary.folder) == summary.manifest)
            func damaged(_ change: (URL) throws -> Void) throws -> String {
                let copy = try Self.folder("copy").appendingPathComponent("b")
                try FileManager.default.copyItem(at: summary.folder, to: copy)
                try change(copy)
                do {
                    _ = try Backups.verify(copy)
                    return ""
                } catch let refused as BackupRefused {
                    return refused.message
                }
            }
            let snapshot = summary.manifest.entries[0].path
            let truncated = try damaged { copy in
                let handle = try FileHandle(forWritingTo: copy.appendingPathComponent(snapshot))
                try handle.truncate(atOffset: 4096)
                try handle.close()
            }
            #expect(truncated.contains("\(snapshot) trong bản sao lưu đã bị cắt ngắn hoặc thay đổi"))
            let altered = try damaged { copy in try Data("khác".utf8).write(to: copy.appendingPathComponent("files/x/tep.bin")) }
            #expect(altered.contains("files/x/tep.bin"))
            let missing = try damaged { copy in try FileManager.default.removeItem(at: copy.appendingPathComponent("files/x/tep.bin")) }
            #expect(missing == "Bản sao lưu thiếu tệp files/x/tep.bin: không khôi phục.")
            let noManifest = try damaged { copy in try FileManager.default.removeItem(at: copy.appendingPathComponent("manifest.json")) }
            #expect(noManifest.contains("không có manifest.json"))
            let brokenManifest = try damaged { copy in try Data("{".utf8).write(to: copy.appendingPathComponent("manifest.json")) }
            #expect(brokenManifest.contains("bị hỏng"))
            // A folder left by an interrupted backup is not listed as a backup.
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: app.config.backupDirectory).appendingPathComponent(".partial-hoso-20261203-000000"),
                withIntermediateDirectories: true)
            #expect(Backups.list(in: URL(fileURLWithPath: app.config.backupDirectory)).count == 1)
        }
    }

    @Test func aBackupTakenDuringABurstOfWritesRestoresConsistently() async throws {
        let dir = try Self.folder("burst")
        try await withHoso(adjusting: Self.inFolder(dir)) { app in
            try await seedDemo(app)
            let writer = AuditedWrite(database: app.db)
            let burst = Task {
                for index in 0..<150 {
                    try await writer.run(by: .system()) { _ in
                        ((), [AuditEvent(action: "test.burst", entity: "school", entityID: "\(index)", summary: "Ghi thử \(index)")])
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            let backups = Backups(db: app.db, config: app.config)
            let during = try await backups.make(in: dir.appendingPathComponent("during"))
            try await burst.value
            // Retention keeps the newest two.
            let first = try await backups.make(keep: 2)
            try await backups.make(keep: 2)
            try await backups.make(keep: 2)
            let kept = Backups.list(in: URL(fileURLWithPath: app.config.backupDirectory))
            #expect(kept.count == 2 && !kept.map(\.name).contains(first.name))
            let all = try await Self.counts(app.db)["audit_entries"] ?? 0
            try await Self.restored(during.folder, from: app) { db, _ in
                guard case .intact(let entries) = try await AuditLog(database: db).verify() else {
                    Issue.record("the restored audit chain is broken")
                    return
                }
                #expect(entries <= all)
            }
        }
    }

    @Test func theAdminBoardSeesTheNewestBackupAndIsWarnedWhenThereIsNone() async throws {
        let dir = try Self.folder("page")
        try await withHoso(adjusting: Self.inFolder(dir)) { app in
            try await seedDemo(app)
            let admin = TestBrowser(app)
            try await admin.login("quantri", DemoSchool.password)
            let home = try await admin.get(Site.home())
            #expect(home.body.contains("Chưa có bản sao lưu nào."))
            let empty = try await admin.get(Site.backups())
            #expect(empty.status == .ok)
            #expect(empty.body.contains("Chưa có bản sao lưu nào. Sao lưu ngay"))
            let made = try await admin.post(Site.backups(), [])
            #expect(made.status == .seeOther)
            let list = Backups.list(in: URL(fileURLWithPath: app.config.backupDirectory))
            #expect(list.count == 1)
            let page = try await admin.get(Site.backups())
            #expect(page.body.contains(list[0].name))
            #expect(!page.body.contains("Chưa có bản sao lưu nào."))
            let after = try await admin.get(Site.home())
            #expect(!after.body.contains("Chưa có bản sao lưu nào") && after.body.contains(Site.backups()))
            // A day later the page and the home page warn.
            let later = Date().addingTimeInterval(26 * 3600)
            #expect(BackupsController.staleWarning(app, now: later)?.hasPrefix("Bản sao lưu mới nhất đã 1 ngày 2 giờ") == true)
            let actions = try await AuditLog(database: app.db).entries(.init(), by: .system()).map(\.event.action)
            #expect(actions.contains("backup.create"))
            let teacher = TestBrowser(app)
            try await teacher.login("gvcn.1a", DemoSchool.password)
            #expect(try await teacher.get(Site.backups()).status == .forbidden)
            #expect(try await teacher.post(Site.backups(), []).status == .forbidden)
            #expect(Backups.list(in: URL(fileURLWithPath: app.config.backupDirectory)).count == 1)
        }
    }
}
