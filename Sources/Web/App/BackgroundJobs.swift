import Admissions
import Fluent
import NIOConcurrencyHelpers
import NIOCore
import Records
import Vapor

/// Once a minute (`HOSO_JOB_INTERVAL`): purge finished sessions and old counted failures, release places whose
/// confirmation deadline passed and move the waitlist up. The work is idempotent
/// and serialised by the audit lock; with several processes on one database each job runs in exactly one of them at a
/// time, the one holding its lease (`job_leases`), and passes to another when that one stops renewing it.
struct BackgroundJobs: LifecycleHandler {
    /// The scheduled jobs and how many runs are under way, so a stop waits for them before the databases close.
    final class Box: @unchecked Sendable {
        let lock = NIOLock()
        var tasks: [RepeatedTask] = []
        var running = 0
        var stopping = false

        /// Counts a run in unless the application is stopping.
        func enter() -> Bool {
            lock.withLock {
                guard !stopping else { return false }
                running += 1
                return true
            }
        }

        func leave() { lock.withLock { running -= 1 } }

        var isRunning: Bool { lock.withLock { running > 0 } }

        /// Stops further runs and cancels the schedules.
        func stop() {
            let scheduled = lock.withLock {
                stopping = true
                return tasks
            }
            for task in scheduled { task.cancel() }
        }
    }

    let box = Box()
    /// This process, as the holder of job leases.
    static let holder = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"

    /// How long the minute job's and the outbox's leases last: a few runs, so a stopped holder is replaced soon.
    static func leasePeriod(_ app: Application) -> TimeInterval { 2.5 * Double(app.config.jobInterval) }

    /// Whether this process holds (or has just taken) job `name`'s lease, for a few runs' time; a database error
    /// counts as not holding it.
    static func holds(_ name: String, for duration: TimeInterval, _ app: Application) async -> Bool {
        do {
            return try await JobLeases(database: app.db, holder: holder).acquire(name, for: duration)
        } catch {
            app.logger.report(error: error)
            return false
        }
    }

    func didBoot(_ application: Application) throws {
        guard application.config.runsBackgroundJobs else { return }
        let interval = Int64(application.config.jobInterval)
        schedule(application, after: .seconds(min(5, interval)), every: .seconds(interval), Self.runOnce)
        schedule(application, after: .seconds(min(10, interval)), every: .seconds(interval), Self.deliverOutbox)
        guard application.config.backupsDaily else { return }
        // Checked every hour (and a minute after start): a backup once the newest is a day old.
        schedule(application, after: .seconds(60), every: .hours(1), Self.backUpIfDue)
    }

    private func schedule(
        _ app: Application, after initialDelay: TimeAmount, every delay: TimeAmount,
        _ job: @escaping @Sendable (Application) async -> Void
    ) {
        let box = self.box
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: initialDelay, delay: delay) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                guard box.enter() else { return }
                defer { box.leave() }
                await job(app)
            }
        }
        box.lock.withLock { box.tasks.append(task) }
    }

    /// Cancels the jobs and waits (up to a minute) for a run under way to finish before the databases close.
    func shutdownAsync(_ application: Application) async {
        box.stop()
        let deadline = Date().addingTimeInterval(60)
        while box.isRunning, Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
    }

    func shutdown(_ application: Application) { box.stop() }

    static func runOnce(_ app: Application) async {
        guard await holds("minute", for: leasePeriod(app), app) else { return }
        do {
            // The audit chain's head, signed with the school's seal once a day when it moved.
            if let anchor = try await app.domain.anchors.anchor(ifOlderThan: 24 * 3600) {
                app.logger.info("audit head signed", metadata: ["seq": "\(anchor.seq)"])
            }
            let now = Date()
            let purged = try await app.domain.housekeeping.purge(now: now)
            let portalSessions = try await app.domain.portal.purgeExpiredSessions(now: now)
            // Uploads cut off between their file and their row, ten minutes on.
            let documents = try await app.domain.documents.finishStaged(olderThan: now.addingTimeInterval(-600))
            let attachments = try await app.domain.contact.finishStagedFiles(olderThan: now.addingTimeInterval(-600))
            let published = documents.published + attachments.published
            let removed = documents.removed + attachments.removed
            if published + removed > 0 {
                app.logger.notice("unfinished uploads", metadata: ["published": "\(published)", "removed": "\(removed)"])
            }
            if !purged.isEmpty || portalSessions > 0 {
                app.logger.info(
                    "purged",
                    metadata: ["sessions": "\(purged.sessions)", "portalSessions": "\(portalSessions)", "failures": "\(purged.failures)"])
            }
            for campaign in try await app.domain.campaigns.list(by: .system()) {
                guard try await app.domain.draws.publishedState(campaign.id) != nil else { continue }
                let (released, promoted) = try await app.domain.confirmations.releaseExpired(campaign.id)
                if released + promoted > 0 {
                    app.logger.info(
                        "confirmation deadline",
                        metadata: ["campaign": "\(campaign.id)", "released": "\(released)", "promoted": "\(promoted)"])
                }
            }
        } catch {
            app.logger.report(error: error)
        }
    }

    /// A backup when the newest is a day old or there is none, then the oldest beyond `HOSO_BACKUP_KEEP` removed.
    static func backUpIfDue(_ app: Application) async {
        let newest = Backups.newest(in: URL(fileURLWithPath: app.config.backupDirectory))?.manifest.created
        if let newest, Date().timeIntervalSince(newest) < 24 * 3600 { return }
        guard await holds("backup", for: 2 * 3600, app) else { return }
        do {
            let summary = try await Backups(db: app.db, config: app.config).make(keep: app.config.backupKeep)
            app.logger.info("daily backup", metadata: ["folder": "\(summary.folder.path)", "bytes": "\(summary.manifest.totalSize)"])
        } catch {
            app.logger.report(error: error)
        }
    }

    /// The outbox's delivery runs as its own task, so a slow relay or gateway never delays the deadline job: each
    /// configured channel in turn, its due messages only.
    static func deliverOutbox(_ app: Application) async {
        guard await holds("outbox", for: leasePeriod(app), app) else { return }
        var channels: [any NotificationChannel] = []
        if let settings = app.config.smtp { channels.append(SMTPChannel(settings: settings, group: app.eventLoopGroup)) }
        let gateways = app.config.sms != nil || app.config.zalo != nil ? GatewayPost.client(caFile: app.config.gatewayCAFile) : nil
        if let settings = app.config.sms, let gateways {
            channels.append(SMSChannel(settings: settings, post: GatewayPost(client: gateways)))
        }
        if let settings = app.config.zalo, let gateways {
            channels.append(ZaloChannel(settings: settings, post: GatewayPost(client: gateways)))
        }
        for channel in channels {
            do {
                // Until what is due is sent: a whole school's announcement goes out in one run, not 200 a minute.
                var sent = 0
                while true {
                    let batch = try await app.domain.outbox.deliver(through: channel, limit: 200)
                    sent += batch
                    // A long run renews the lease, so no other node starts on the same messages meanwhile.
                    guard batch == 200, await holds("outbox", for: leasePeriod(app), app) else { break }
                }
                if sent > 0 { app.logger.info("outbox delivered", metadata: ["channel": "\(channel.name)", "count": "\(sent)"]) }
            } catch {
                app.logger.report(error: error)
            }
        }
        try? await gateways?.shutdown()
        // Files chosen on a compose page's preview step and never sent are dropped after a day.
        app.domain.contactFiles.purgePending()
    }
}
