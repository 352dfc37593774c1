import Admissions
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import NIOCore
import Records
import SQLKit
import Vapor

/// Sets up the whole application: database, migrations, templates, middleware, routes and commands.
/// The executable and every test call this same function.
func configure(_ app: Application, _ config: AppConfig) async throws {
    app.directory = DirectoryConfiguration(workingDirectory: ResourceLocation.directory)
    if !ResourceLocation.holdsResources(ResourceLocation.directory) {
        app.logger.warning(
            "no Resources/Views and Public/ here: pages cannot be shown; set HOSO_RESOURCES_DIR",
            metadata: ["folder": .string(ResourceLocation.directory)])
    }
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    // Pages, styles and scripts go out compressed (a parent on slow 3G); fonts and images are compressed already.
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes
    app.routes.defaultMaxBodySize = "1mb"
    app.storage[AppConfigKey.self] = config
    app.storage[SchoolCacheKey.self] = SchoolCache(maxAge: config.schoolCacheSeconds)
    app.storage[LandingPageCacheKey.self] = RenderedPageCache(lifetime: config.pageCacheSeconds)
    app.storage[CampaignCacheKey.self] = CampaignCache(maxAge: config.schoolCacheSeconds)
    app.storage[AttemptBoardKey.self] = AttemptBoard()
    app.storage[ImportProgressBoardKey.self] = ImportProgressBoard()
    app.storage[KeyVaultKey.self] = KeyVault(file: URL(fileURLWithPath: config.keyFile))
    app.storage[DerivedKeysKey.self] = DerivedKeys(vault: app.storage[KeyVaultKey.self]!)

    let writer = try await configureDatabase(app, config)
    app.storage[WriteQueueKey.self] = makeWriteQueue(app, config, writer: writer)
    app.migrations.add(RecordsSchema.migrations)
    app.migrations.add(AdmissionsSchema.migrations)
    if config.migrateOnStart {
        app.storage[MigrationsAppliedKey.self] = try await migrate(app)
    }

    app.views.use(.leaf)
    app.leaf.cache.isEnabled = app.environment.isRelease
    // Made once: Leaf would otherwise make its file source again for every page it renders.
    let views = app.leaf.configuration.rootDirectory
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: .default, sandboxDirectory: views, viewDirectory: views))
    app.leaf.tags["ethnicityOptions"] = EthnicityOptionsTag()
    app.leaf.tags["textField"] = TextFieldTag()

    app.middleware = Middlewares()
    // Outermost, so every response carries the headers: error pages, the busy page and thrown redirects too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(KeptPagesMiddleware())
    app.middleware.use(OverloadMiddleware(limit: config.maxInFlight))
    app.middleware.use(PageErrorMiddleware())
    app.middleware.use(StaticFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(SessionMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(SetupGuardMiddleware())

    try routes(app)
    app.lifecycle.use(BackgroundJobs())

    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(VerifyAuditCommand(), as: "verify-audit")
    app.asyncCommands.use(AnchorAuditCommand(), as: "anchor-audit")
    app.asyncCommands.use(VerifyPDFCommand(), as: "verify-pdf")
    app.asyncCommands.use(MigrateOnlyCommand(), as: "migrate")
    app.asyncCommands.use(LotteryVerifyCommand(), as: "lottery-verify")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
}

/// The vault of the key file, opened once at start.
struct KeyVaultKey: StorageKey { typealias Value = KeyVault }

extension Application {
    var vault: KeyVault {
        guard let vault = storage[KeyVaultKey.self] else { preconditionFailure("configure(_:_:) opens the key vault first") }
        return vault
    }
}

/// How many migrations this start applied.
struct MigrationsAppliedKey: StorageKey { typealias Value = Int }

/// Brings the schema up to date and says so in one log line (Fluent's migrator logs every migration, even one that
/// is already applied).
@discardableResult
func migrate(_ app: Application) async throws -> Int {
    var quiet = app.logger
    quiet.logLevel = .warning
    let migrator = Migrator(databases: app.databases, migrations: app.migrations, logger: quiet, on: app.eventLoopGroup.any())
    try await migrator.setupIfNeeded().get()
    let pending = try await migrator.previewPrepareBatch().get()
    if !pending.isEmpty {
        try await migrator.prepareBatch().get()
    }
    app.logger.info(
        pending.isEmpty
            ? "database schema up to date"
            : "database schema migrated: \(pending.count) migrations applied, the last \(pending.last?.0.name ?? "")")
    return pending.count
}

/// Registers the databases of `config`; returns the group commit's own writer (none for an in-memory or no database),
/// which shuts down with the application.
private func configureDatabase(_ app: Application, _ config: AppConfig) async throws -> WriterDatabase? {
    switch config.storage {
    case .sqliteFile(let path):
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        let writer = WriterDatabase(.sqlite(.file(path), sqlLogLevel: .trace))
        app.lifecycle.use(writer)
        try await applySQLitePragmas(app, writer: writer)
        return writer
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        try await applySQLitePragmas(app, writer: nil)
        return nil
    case .none:
        // A database must be registered for the commands to be set up; nothing ever connects to it.
        app.databases.use(.sqlite(.memory), as: .sqlite)
        return nil
    case .postgres(let url, let schema):
        var postgres = try SQLPostgresConfiguration(url: url)
        if let schema { postgres.searchPath = [schema] }
        app.databases.use(.postgres(configuration: postgres, sqlLogLevel: .trace), as: .psql)
        let writer = WriterDatabase(.postgres(configuration: postgres, sqlLogLevel: .trace))
        app.lifecycle.use(writer)
        if let schema, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        }
        return writer
    }
}

/// SQLite settings. WAL lets readers work while one writer commits; it is stored in the file, so setting it once
/// is enough. `synchronous` stays at SQLite's default FULL on purpose: a commit (and so a receipt shown to a
/// parent) survives a power cut, not only a crash of the process. Foreign keys are turned on by the driver on each
/// connection. SQLiteNIO's own busy handler retries without pause or end, so each connection gets a real busy
/// timeout instead: a writer waits up to 10 s for the lock, then fails cleanly. Fluent keeps exactly one SQLite
/// connection per event loop and offers no per‑connection hook, so the pragma is sent once through each loop, and
/// once to the `writer`'s one connection.
private func applySQLitePragmas(_ app: Application, writer: WriterDatabase?) async throws {
    guard let sql = app.db as? any SQLDatabase else { return }
    try await sql.raw("PRAGMA journal_mode = WAL").run()
    var connections = app.eventLoopGroup.makeIterator().flatMap { eventLoop in
        app.databases.ids().map { app.databases.database($0, logger: app.logger, on: eventLoop) }
    }
    if let writer { connections.append(writer.database(logger: app.logger)) }
    for case let connection as any SQLDatabase in connections {
        try await connection.raw("PRAGMA busy_timeout = 10000").run()
    }
}

extension DatabaseID {
    /// The group commit's own connection (``WriteQueue``) to the same database: on one event loop, so one connection.
    static let writer = DatabaseID(string: "writer")
}

/// The queue that batches the portal's saves and submissions into shared commits, on a connection, a loop and a thread
/// of its own (``WriterDatabase``; an in-memory SQLite cannot open a second pool onto the same data, so there it shares
/// the first loop's connection).
private func makeWriteQueue(_ app: Application, _ config: AppConfig, writer: WriterDatabase?) -> WriteQueue? {
    let logger = app.logger
    if let writer { return WriteQueue(executor: writer.executor) { writer.database(logger: logger) } }
    guard case .sqliteMemory = config.storage else { return nil }
    var loops = app.eventLoopGroup.makeIterator()
    let (databases, loop) = (app.databases, loops.next()!)
    return WriteQueue { databases.database(DatabaseID.sqlite, logger: logger, on: loop)! }
}

struct AppConfigKey: StorageKey {
    typealias Value = AppConfig
}

extension Application {
    var config: AppConfig {
        guard let config = storage[AppConfigKey.self] else { preconditionFailure("configure(_:_:) sets the configuration first") }
        return config
    }
}
