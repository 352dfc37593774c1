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
    let vault: KeyVault
    /// The campaigns kept between requests (``CampaignCache``).
    let campaignCache: CampaignCache
    /// The portal's code lookups under way on this process (``AttemptBoard``).
    let attemptBoard: AttemptBoard
    /// The keys of the server's own seals, derived from the key file (``DerivedKeys``).
    let sealKeys: DerivedKeys
    /// The group commit of the portal's saves and submissions (``WriteQueue``), when the database has one.
    let writes: WriteQueue?

    var accounts: AccountService { AccountService(database: db, hasher: hasher) }
    var sessions: SessionService {
        SessionService(
            database: db, hasher: hasher,
            policy: LoginThrottlePolicy(perAccount: config.loginPolicyPerAccount, perAddress: config.loginPolicyPerAddress))
    }
    var secondFactor: SecondFactorService { SecondFactorService(database: db, hasher: hasher) }
    var roles: RoleService { RoleService(database: db) }
    var housekeeping: Housekeeping { Housekeeping(database: db) }
    var school: SchoolService { SchoolService(database: db) }
    var classes: ClassService { ClassService(database: db) }
    var subjects: SubjectService { SubjectService(database: db) }
    var teaching: TeachingService { TeachingService(database: db) }
    var setup: SetupService { SetupService(database: db, hasher: hasher) }
    var audit: AuditLog { AuditLog(database: db) }
    var families: FamilyService { FamilyService(database: db, hasher: hasher) }
    var documents: DocumentService {
        DocumentService(
            database: db, store: FileStore(directory: URL(fileURLWithPath: config.uploadsDirectory)), campaigns: campaignCache)
    }
    var register: RegisterService { RegisterService(database: db) }
    var rosters: RosterService { RosterService(database: db) }
    var pupilImports: PupilImportService { PupilImportService(database: db) }
    var staffImports: StaffImportService { StaffImportService(database: db) }
    var assessment: AssessmentService {
        var service = AssessmentService(database: db)
        service.links = contactLinks
        return service
    }
    var commentBank: CommentBank { CommentBank(database: db) }
    var transcripts: TranscriptService { TranscriptService(database: db) }
    /// Signed học bạ lie in the uploads folder's `documents`, which the backups take.
    var transcriptSigning: TranscriptSigning {
        TranscriptSigning(
            database: db, folder: URL(fileURLWithPath: config.uploadsDirectory).appendingPathComponent("documents"),
            verificationBase: config.publicURL + Site.verifyForm() + "/")
    }

    var keys: SchoolKeys { SchoolKeys(database: db, vault: vault) }
    /// Signed audit heads are kept in the database and in the uploads folder's `audit`, which the backups take.
    var anchors: AuditAnchors {
        AuditAnchors(
            database: db, keys: keys, file: URL(fileURLWithPath: config.uploadsDirectory).appendingPathComponent("audit/anchors.jsonl"))
    }

    /// Year archives lie in the uploads folder's `archives`, which the backups take.
    var yearArchive: YearArchive {
        let uploads = URL(fileURLWithPath: config.uploadsDirectory)
        return YearArchive(
            database: db, folder: uploads.appendingPathComponent("archives"), documents: uploads.appendingPathComponent("documents"),
            keys: keys, anchors: anchors)
    }

    var summarySigning: SummarySigning {
        SummarySigning(database: db, folder: URL(fileURLWithPath: config.uploadsDirectory).appendingPathComponent("documents"))
    }

    var documentRegistry: DocumentRegistry { DocumentRegistry(database: db) }
    var campaigns: CampaignService { CampaignService(database: db, cache: campaignCache) }
    var lists: ListService { ListService(database: db) }
    var codes: CodeService { CodeService(database: db) }
    var handovers: HandoverService { HandoverService(database: db) }
    var applications: ApplicationService { ApplicationService(database: db, campaigns: campaignCache, writes: writes) }
    var desk: DeskService { DeskService(database: db) }
    var review: ReviewService { ReviewService(database: db) }
    var draws: DrawService { DrawService(database: db) }
    var confirmations: ConfirmationService { ConfirmationService(database: db) }
    var conversions: ConversionService { ConversionService(database: db) }
    var invitations: FamilyInvitations { FamilyInvitations(database: db) }
    var outbox: Outbox { Outbox(database: db) }
    var contact: ContactBook {
        var book = ContactBook(database: db)
        book.links = contactLinks
        book.files = contactFiles
        return book
    }
    /// The contact book's attachments lie in the uploads folder's `contact`, which the backups take.
    var contactFiles: ContactFiles { ContactFiles(folder: URL(fileURLWithPath: config.uploadsDirectory).appendingPathComponent("contact")) }
    /// The family pages the contact book's emails and text messages link to, at the site's public address.
    var contactLinks: ContactLinks {
        let base = config.publicURL.hasSuffix("/") ? String(config.publicURL.dropLast()) : config.publicURL
        return ContactLinks(
            announcement: { base + Site.familyAnnouncement($0) }, child: { base + Site.familyChild($0) },
            conversation: { base + Site.familyConversation($0) })
    }
    /// The parents' door, with the limits of the configuration.
    var portal: PortalService {
        var door = PortalService(database: db)
        door.perCode = config.portalCodeLimit
        door.perAddress = config.portalAddressLimit
        door.board = attemptBoard
        door.keys = sealKeys
        return door
    }
}

extension Application {
    var domain: Domain { domain(on: db) }

    /// The domain services over `db` (the application's, or a request's with its logger).
    func domain(on db: any Database) -> Domain {
        Domain(
            db: db, hasher: BcryptHasher(threadPool: threadPool, cost: config.bcryptCost), config: config, vault: vault,
            campaignCache: campaignCache, attemptBoard: attemptBoard, sealKeys: storage[DerivedKeysKey.self]!,
            writes: storage[WriteQueueKey.self])
    }

    /// Set up by `configure` before the server starts; kept as long as the school's profile is.
    var campaignCache: CampaignCache { storage[CampaignCacheKey.self]! }
    /// Set up by `configure` before the server starts.
    var attemptBoard: AttemptBoard { storage[AttemptBoardKey.self]! }
}

struct CampaignCacheKey: StorageKey { typealias Value = CampaignCache }
struct AttemptBoardKey: StorageKey { typealias Value = AttemptBoard }
struct DerivedKeysKey: StorageKey { typealias Value = DerivedKeys }
struct WriteQueueKey: StorageKey { typealias Value = WriteQueue }

extension Request {
    var domain: Domain { application.domain(on: db) }

    /// The client's address as the server sees it (no proxy headers are trusted).
    /// The client's address for limits and the audit log: the socket's peer, or — when that peer is a trusted
    /// reverse proxy — the last address in `X-Forwarded-For` that is not itself a trusted proxy.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.config.trustedProxies
        guard trusted.contains(peer) else { return peer }
        let forwarded = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return forwarded.reversed().first { !$0.isEmpty && !trusted.contains($0) }.map { String($0.prefix(64)) } ?? peer
    }
}
