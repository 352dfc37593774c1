import Foundation

/// Every setting hoso reads from the environment, decoded once at start.
struct AppConfig: Sendable {
    enum Storage: Sendable, Equatable {
        /// An SQLite file.
        case sqliteFile(String)
        /// A fresh temporary SQLite database (tests).
        case sqliteMemory
        /// PostgreSQL at a URL; `schema`, when set, is created and used alone (tests run side by side this way).
        case postgres(url: String, schema: String?)
        /// No database is opened or created: `--help` and `routes` only describe the program.
        case none
    }

    var host: String
    var port: Int
    /// Where uploaded documents are kept (outside `Public/`).
    var uploadsDirectory: String
    /// The key that seals the school's signing keys (`HOSO_KEY_FILE`): outside the database and its backups.
    var keyFile: String
    var storage: Storage
    /// The address parents and staff use; `https` turns on `Secure` cookies.
    var publicURL: String
    var bcryptCost: Int
    var migrateOnStart: Bool
    /// Whether the once‑a‑minute jobs (confirmation deadlines) run in this process.
    var runsBackgroundJobs: Bool
    /// Seconds between runs of those jobs (`HOSO_JOB_INTERVAL`, default 60; the browser tests use a few seconds).
    var jobInterval: Int
    /// The SMTP relay for notification emails, when configured (otherwise they stay in the outbox).
    var smtp: SMTPChannel.Settings?
    /// The SMS brandname gateway and Zalo ZNS, when configured; `HOSO_GATEWAY_CA_FILE` adds a CA they are trusted by.
    var sms: SMSChannel.Settings?
    var zalo: ZaloChannel.Settings?
    var gatewayCAFile: String?
    /// Requests handled at the same time before the rest are told to come back (`HOSO_MAX_IN_FLIGHT`, default 512).
    var maxInFlight: Int
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (`HOSO_TRUSTED_PROXIES`, comma‑separated);
    /// without it every limit per address would key on the proxy.
    var trustedProxies: Set<String>
    /// Wrong code + date‑of‑birth tries allowed per code and per address in 15 minutes
    /// (`HOSO_PORTAL_CODE_LIMIT`, default 5; `HOSO_PORTAL_ADDRESS_LIMIT`, default 100 — raise it for a school whose
    /// parents share one address).
    var portalCodeLimit: Int
    var portalAddressLimit: Int
    /// How long the school profile and current year are kept in memory between database reads (0 in tests).
    var schoolCacheSeconds: Double
    /// How long the portal's landing page is kept rendered in memory (`HOSO_PAGE_CACHE_SECONDS`, default 5; 0 in
    /// tests). A change made on this node is seen at once, one made by another node or process within this time.
    var pageCacheSeconds: Double
    var loginPolicyPerAccount: Int
    var loginPolicyPerAddress: Int
    /// Where backups go (`HOSO_BACKUP_DIR`, default `backups/` in the data folder).
    var backupDirectory: String
    /// How many backups are kept (`HOSO_BACKUP_KEEP`, default 14).
    var backupKeep: Int
    /// Whether the server takes a backup when the newest is a day old (`HOSO_BACKUP_DAILY=off` turns it off).
    var backupsDaily: Bool

    var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }

    struct Invalid: Error, CustomStringConvertible {
        let variable: String
        let problem: String
        var description: String { "\(variable): \(problem)" }
    }

    /// Reads `HOSO_HOST`, `HOSO_PORT`, `HOSO_DATA_DIR`, `DATABASE_URL`, `HOSO_PUBLIC_URL`, `HOSO_BCRYPT_COST`.
    init(environment env: [String: String]) throws {
        host = env["HOSO_HOST"] ?? "127.0.0.1"
        guard let port = Int(env["HOSO_PORT"] ?? "8080"), (1...65535).contains(port) else {
            throw Invalid(variable: "HOSO_PORT", problem: "must be a port number between 1 and 65535")
        }
        self.port = port
        let dataDirectory = env["HOSO_DATA_DIR"] ?? "."
        uploadsDirectory = URL(fileURLWithPath: dataDirectory).appendingPathComponent("uploads").path
        keyFile = env["HOSO_KEY_FILE"] ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys/hoso-keys.key").path
        if let url = env["DATABASE_URL"], !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw Invalid(variable: "DATABASE_URL", problem: "must be a postgres:// URL (leave it unset for SQLite)")
            }
            storage = .postgres(url: url, schema: nil)
        } else {
            let dir = env["HOSO_DATA_DIR"] ?? "."
            storage = .sqliteFile(URL(fileURLWithPath: dir).appendingPathComponent("hoso.sqlite").path)
        }
        publicURL = env["HOSO_PUBLIC_URL"] ?? "http://\(host):\(port)"
        bcryptCost = try Self.number(env, "HOSO_BCRYPT_COST", default: 12, in: 4...31)
        migrateOnStart = true
        runsBackgroundJobs = env["HOSO_BACKGROUND_JOBS"] != "off"
        jobInterval = try Self.number(env, "HOSO_JOB_INTERVAL", default: 60, in: 1...3600)
        if let host = env["HOSO_SMTP_HOST"], !host.isEmpty {
            guard let port = Int(env["HOSO_SMTP_PORT"] ?? "25"), (1...65535).contains(port) else {
                throw Invalid(variable: "HOSO_SMTP_PORT", problem: "must be a port number")
            }
            guard let from = env["HOSO_SMTP_FROM"], from.contains("@") else {
                throw Invalid(variable: "HOSO_SMTP_FROM", problem: "must be the sender's email address when HOSO_SMTP_HOST is set")
            }
            let security = try env["HOSO_SMTP_SECURITY"].map {
                guard let security = SMTPChannel.Security(rawValue: $0) else {
                    throw Invalid(variable: "HOSO_SMTP_SECURITY", problem: "must be starttls, tls or none")
                }
                return security
            }
            let user = env["HOSO_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 }
            let settings = SMTPChannel.Settings(
                host: host, port: port, from: from, username: user, password: env["HOSO_SMTP_PASSWORD"],
                security: security ?? (port == 465 ? .tls : .starttls), caFile: env["HOSO_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 })
            if settings.security == .none && user != nil {
                throw Invalid(
                    variable: "HOSO_SMTP_SECURITY", problem: "none cannot be used with HOSO_SMTP_USER: AUTH is sent only over TLS")
            }
            smtp = settings
        } else {
            smtp = nil
        }
        sms = try Self.sms(env)
        zalo = try Self.zalo(env)
        gatewayCAFile = env["HOSO_GATEWAY_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        maxInFlight = try Self.number(env, "HOSO_MAX_IN_FLIGHT", default: 512, in: 1...100_000)
        trustedProxies = Set(
            (env["HOSO_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty })
        portalCodeLimit = try Self.number(env, "HOSO_PORTAL_CODE_LIMIT", default: 5, in: 1...1_000)
        portalAddressLimit = try Self.number(env, "HOSO_PORTAL_ADDRESS_LIMIT", default: 100, in: 1...1_000_000)
        schoolCacheSeconds = 1
        pageCacheSeconds = Double(try Self.number(env, "HOSO_PAGE_CACHE_SECONDS", default: 5, in: 0...3_600))
        loginPolicyPerAccount = 5
        loginPolicyPerAddress = 20
        backupDirectory = env["HOSO_BACKUP_DIR"] ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("backups").path
        backupKeep = try Self.number(env, "HOSO_BACKUP_KEEP", default: 14, in: 1...1_000)
        backupsDaily = env["HOSO_BACKUP_DAILY"] != "off"
    }

    static func number(_ env: [String: String], _ variable: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let number = Int(env[variable] ?? String(value)), range.contains(number) else {
            throw Invalid(variable: variable, problem: "must be a number between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// Settings for a test: given storage, cheap bcrypt.
    static func testing(storage: Storage) -> AppConfig {
        var config = try! AppConfig(environment: [:])
        config.storage = storage
        config.bcryptCost = 4
        config.runsBackgroundJobs = false
        config.schoolCacheSeconds = 0
        config.pageCacheSeconds = 0
        config.uploadsDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-uploads-\(UUID().uuidString)").path
        config.backupDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-backups-\(UUID().uuidString)").path
        config.keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-keys-\(UUID().uuidString)/hoso.key").path
        return config
    }
}
