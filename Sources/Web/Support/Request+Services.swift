import Admissions
import Fluent
import NIOPosix
import Records
import Vapor

/// bcrypt on the application's thread pool, so hashing never blocks an event loop.
struct BcryptHasher: Records.PasswordHasher {
    let threadPool: NIOThreadPool
    let cost: Int

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}

/// The domain services, built per request over the request's database.
struct Domain {
    let db: any Database
    let hasher: BcryptHasher
    let config: AppConfig

    var accounts: AccountService { AccountService(database: db, hasher: hasher) }
    var sessions: SessionService {
        SessionService(database: db, hasher: hasher,
                       policy: LoginThrottlePolicy(perAccount: config.loginPolicyPerAccount, perAddress: config.loginPolicyPerAddress))
    }
    var secondFactor: SecondFactorService { SecondFactorService(database: db, hasher: hasher) }
    var roles: RoleService { RoleService(database: db) }
    var school: SchoolService { SchoolService(database: db) }
    var classes: ClassService { ClassService(database: db) }
    var subjects: SubjectService { SubjectService(database: db) }
    var teaching: TeachingService { TeachingService(database: db) }
    var setup: SetupService { SetupService(database: db, hasher: hasher) }
    var audit: AuditLog { AuditLog(database: db) }
    var families: FamilyService { FamilyService(database: db, hasher: hasher) }
    var documents: DocumentService {
        DocumentService(database: db, store: FileStore(directory: URL(fileURLWithPath: config.uploadsDirectory)))
    }
}

extension Application {
    var domain: Domain {
        Domain(db: db, hasher: BcryptHasher(threadPool: threadPool, cost: config.bcryptCost), config: config)
    }
}

extension Request {
    var domain: Domain {
        Domain(db: db, hasher: BcryptHasher(threadPool: application.threadPool, cost: application.config.bcryptCost),
                 config: application.config)
    }

    /// The client's address as the server sees it (no proxy headers are trusted).
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
