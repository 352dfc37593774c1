import Fluent
import Foundation
import Records
import Vapor

/// The admin board's backups page: the newest backup, its size and age (a warning once it is a day old), every
/// backup kept, and a button that takes one now.
struct BackupsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.backups, use: show)
        routes.post(Site.backups, use: backUp)
    }

    struct Row: Encodable {
        let name: String
        let created: String
        let size: String
        let files: Int
    }

    struct Page: Encodable {
        let layout: Layout
        let folder: String
        let warning: String?
        let latest: Row?
        let rows: [Row]
        let keep: Int
        let daily: Bool
        let action: String
    }

    static func size(_ bytes: Int) -> String {
        ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file).replacingOccurrences(of: ".", with: ",")
    }

    static func row(_ summary: Backups.Summary) -> Row {
        Row(
            name: summary.name, created: summary.manifest.created.map(Timestamps.display) ?? summary.manifest.createdAt,
            size: size(summary.manifest.totalSize), files: summary.manifest.entries.count - 1)
    }

    /// Why the admin board should act, or nil: no backup yet, or the newest is more than a day old.
    static func staleWarning(_ app: Application, now: Date) -> String? {
        let newest = Backups.newest(in: URL(fileURLWithPath: app.config.backupDirectory))
        guard let created = newest?.manifest.created else {
            return "Chưa có bản sao lưu nào. Sao lưu ngay và chép bản sao lưu ra một ổ đĩa khác."
        }
        let hours = Int(now.timeIntervalSince(created) / 3600)
        guard hours >= 24 else { return nil }
        return "Bản sao lưu mới nhất đã \(hours / 24) ngày \(hours % 24) giờ (lúc \(Timestamps.display(created)))."
    }

    @Sendable func show(req: Request) async throws -> Response {
        let caller = try req.caller()
        try caller.require(.manageSchool)
        let config = req.application.config
        let all = Backups.list(in: URL(fileURLWithPath: config.backupDirectory)).map(Self.row)
        return try await req.render(
            "admin/backups",
            Page(
                layout: req.layout("Sao lưu dữ liệu", active: Site.schoolProfile()), folder: config.backupDirectory,
                warning: Self.staleWarning(req.application, now: Date()), latest: all.first, rows: all, keep: config.backupKeep,
                daily: config.backupsDaily && config.runsBackgroundJobs, action: Site.backups()))
    }

    @Sendable func backUp(req: Request) async throws -> Response {
        let caller = try req.caller()
        try caller.require(.manageSchool)
        let config = req.application.config
        do {
            let summary = try await Backups(db: req.db, config: config).make(keep: config.backupKeep)
            _ = try await AuditedWrite(database: req.db).run(by: caller) { _ in
                (
                    (),
                    [
                        AuditEvent(
                            action: "backup.create", entity: AuditEntity.settings.rawValue, entityID: summary.name,
                            summary: "Sao lưu dữ liệu \(summary.name) (\(Self.size(summary.manifest.totalSize)))")
                    ]
                )
            }
            return req.redirect(to: Site.backups(), flash: "Đã sao lưu: \(summary.name), \(Self.size(summary.manifest.totalSize)).")
        } catch let refused as BackupRefused {
            return req.redirect(to: Site.backups(), flash: refused.message, kind: .error)
        }
    }
}
