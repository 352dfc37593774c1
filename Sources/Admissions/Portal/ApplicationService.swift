import FluentKit
import Foundation
import Records
import SQLKit

/// An application as the parent and the desk see it.
public struct AdmissionApplication: Sendable, Equatable {
    public let id: AdmissionApplicationID
    public let campaignID: CampaignID
    public let code: RegistrationCode
    /// Số hồ sơ, given at the first submission, such as `2027-00042`.
    public let number: String?
    public let status: ApplicationStatus
    public let form: ApplicationForm
    public let submittedAt: Date?
    /// Who entered it at the desk, or empty when the parent applied online.
    public let enteredBy: String
    public let version: Int
    /// The published result, once the chair has approved it.
    public let outcome: Outcome?
    /// The place on the waitlist, for a waitlisted child.
    public let waitlistPosition: Int?
    /// What the family did with a place.
    public let confirmation: Confirmation?
    /// The deadline to confirm a place.
    public let confirmUntil: Date?
    /// What the council asked the family for, or why it found the application not eligible; empty otherwise.
    public let councilNote: String
}

/// What the portal shows for a code: the campaign, the listed child, and the application if there is one.
public struct PortalCase: Sendable {
    public let campaign: Campaign
    public let child: ChildEntry
    public let application: AdmissionApplication?
}

extension PortalCase {
    /// The listed child's columns (alias `l`) and the application's (alias `a`), as ``init(row:campaign:)`` reads them.
    static func columns(of select: SQLSelectBuilder) -> SQLSelectBuilder {
        select.columns(StoredChild.CodingKeys.allCases.map { SQLColumn($0.rawValue, table: "l") })
            .columns(StoredApplication.CodingKeys.allCases.map { SQLColumn($0.rawValue, table: "a") })
    }

    /// The case a row of ``columns(of:)`` holds, in `campaign`.
    init(row: any SQLRow, campaign: Campaign) throws {
        let stored = try row.decodeNil(column: "id") ? nil : try row.decode(model: StoredApplication.self)
        self.init(
            campaign: campaign, child: try row.decode(model: StoredChild.self).entry,
            application: stored?.value(schoolYearName: campaign.schoolYearName))
    }
}

/// Drafts, submissions and edits of applications. A submission is idempotent: repeating it (double click, retry,
/// a second tab) returns the same application and number; the database allows one application per code per campaign.
public struct ApplicationService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    let campaigns: CampaignCache
    let writes: WriteQueue?

    /// The service over `database`; `campaigns` keeps the campaigns between requests (none kept by default), and
    /// `writes` batches saves and submissions into shared commits (each its own transaction by default).
    public init(
        database: any Database, clock: @escaping @Sendable () -> Date = Date.init, campaigns: CampaignCache = CampaignCache(maxAge: 0),
        writes: WriteQueue? = nil
    ) {
        self.database = database
        self.clock = clock
        self.campaigns = campaigns
        self.writes = writes
    }

    /// The case behind a portal access: the child and its application in one query, on every page of the flow.
    public func load(_ access: PortalAccess) async throws -> PortalCase {
        guard let campaign = try await campaigns.campaign(access.campaignID, on: database) else { throw RecordsError.notFound }
        guard
            let row = try await Self.caseQuery.first(
                on: database.sql(), [access.campaignID.uuid, access.code.symbols, access.childID.uuid])
        else { throw RecordsError.notFound }
        return try PortalCase(row: row, campaign: campaign)
    }

    /// The listed child (bind 2) and its application in the campaign (bind 0) under the code (bind 1).
    static let caseQuery = PreparedSQL(binds: 3) { sql, bind in
        let matches = SQLBinaryExpression(
            SQLBinaryExpression(SQLColumn("campaign_id", table: "a"), .equal, bind[0]), .and,
            SQLBinaryExpression(SQLColumn("code", table: "a"), .equal, bind[1]))
        return PortalCase.columns(of: sql.select())
            .from(SQLAlias(SQLIdentifier(ListedChildRow.schema), as: SQLIdentifier("l")))
            .join(SQLAlias(SQLIdentifier(ApplicationRow.schema), as: SQLIdentifier("a")), method: SQLJoinMethod.left, on: matches)
            .where(SQLColumn("id", table: "l"), .equal, bind[2]).limit(1)
    }

    /// Saves without submitting (only length limits apply). Allowed while the window is open.
    @discardableResult
    public func saveDraft(_ form: ApplicationForm, for access: PortalAccess, by caller: Caller) async throws -> AdmissionApplication {
        try form.draftProblems().throwIfAny()
        return try await write(form, for: access, submit: false, by: caller)
    }

    /// Submits, or re‑submits an edit. The same form submitted twice changes nothing the second time.
    @discardableResult
    /// `loaded` is the case when the caller has just read it (``PortalService/visit(token:campaigns:)``).
    public func submit(_ form: ApplicationForm, for access: PortalAccess, loaded: PortalCase? = nil, by caller: Caller) async throws
        -> AdmissionApplication
    {
        try form.draftProblems().throwIfAny()
        let portalCase: PortalCase
        if let loaded { portalCase = loaded } else { portalCase = try await load(access) }
        var problems = form.problems(for: portalCase.campaign, listed: portalCase.child)
        // Online, the mandatory documents must be uploaded; at the desk staff have seen the originals.
        if caller.isParent {
            let uploaded = Set(
                try await database.sql().select().column("kind").from(DocumentRow.schema)
                    .where("code", .equal, SQLBind(access.code.symbols)).all(decodingColumn: "kind", as: String.self))
            for document in portalCase.campaign.requiredDocuments where document.mandatory && !uploaded.contains(document.code) {
                problems.add("file", "Cần tải lên: \(document.name).")
            }
            if problems.byField["correctionReason"] == nil, !form.correctionReason.isEmpty, uploaded.isEmpty {
                problems.add("file", "Thông tin của trẻ đã sửa: cần tải lên giấy tờ chứng minh.")
            }
        }
        try problems.throwIfAny()
        return try await write(form, for: access, submit: true, by: caller)
    }

    /// Earlier versions of an application, oldest first.
    public func versions(of id: AdmissionApplicationID) async throws -> [(version: Int, status: ApplicationStatus, at: String)] {
        try await ApplicationVersionRow.query(on: database).filter(\.$applicationID == id.uuid).sort(\.$version).all()
            .map { ($0.version, ApplicationStatus(rawValue: $0.status) ?? .draft, $0.at) }
    }

    private func write(_ form: ApplicationForm, for access: PortalAccess, submit: Bool, by caller: Caller) async throws
        -> AdmissionApplication
    {
        let now = clock()
        let deskName = caller.isParent ? "" : caller.displayName
        return try await AuditedWrite(database: database, clock: clock, queue: writes).run(by: caller) { db in
            guard let campaign = try await campaigns.campaign(access.campaignID, on: db) else { throw RecordsError.notFound }
            let json = JSONText.encode(form)
            let existing = try await StoredApplication.find(code: access.code.symbols, campaign: access.campaignID.uuid, on: db)
            guard Self.mayChange(existing?.status, windows: campaign.windows, at: now) else {
                throw AdmissionsError.windowClosed
            }
            if let existing {
                let wasSubmitted = existing.status != ApplicationStatus.draft.rawValue
                // Idempotent: the same content again (a double click, a retry, a second tab) is not a change.
                let answersCouncil = submit && existing.status == ApplicationStatus.needsInfo.rawValue
                if existing.formJSON == json && (wasSubmitted || !submit) && !answersCouncil {
                    return (existing.value(schoolYearName: campaign.schoolYearName), [])
                }
                if wasSubmitted && !submit { throw AdmissionsError.alreadySubmitted }
                guard let row = try await ApplicationRow.find(existing.id, on: db) else { throw RecordsError.notFound }
                try await ApplicationVersionRow.keep(row, on: db)
                row.formJSON = json
                row.version += 1
                row.updatedAt = Timestamps.storage(now)
                if !deskName.isEmpty { row.enteredBy = deskName }
                if submit {
                    if row.number == nil { row.number = try await Self.nextNumber(campaign.id.uuid, on: db) }
                    if !wasSubmitted { row.submittedAt = Timestamps.storage(now) }
                    // A new submission goes back to the council, including after "needs more information".
                    row.status = ApplicationStatus.submitted.rawValue
                    row.consentAt = row.consentAt ?? Timestamps.storage(now)
                }
                try await row.update(on: db)
                let verb = !submit ? "Lưu nháp" : wasSubmitted ? "Sửa hồ sơ đã nộp" : "Nộp hồ sơ"
                let changed = Self.changedFields(existing.formJSON, json)
                return (
                    row.value(campaign: campaign), [Self.event(verb, row.stored, form, changed: changed, deskName: deskName)]
                )
            }
            // The first save or submission, the one every parent makes: one plain insert.
            let stamp = Timestamps.storage(now)
            let created = StoredApplication(
                id: UUID(), campaignID: campaign.id.uuid, code: access.code.symbols,
                number: submit ? try await Self.nextNumber(campaign.id.uuid, on: db) : nil,
                status: (submit ? ApplicationStatus.submitted : .draft).rawValue, formJSON: json, submittedAt: submit ? stamp : nil,
                enteredBy: deskName, version: 1, reviewJSON: nil, outcome: nil, waitlistPosition: nil, confirmation: nil,
                confirmUntil: nil)
            try await db.sql().insert(into: ApplicationRow.schema)
                .columns(
                    "id", "campaign_id", "child_id", "code", "number", "status", "form_json", "consent_at", "submitted_at",
                    "entered_by", "version", "created_at", "updated_at"
                )
                .values(
                    SQLBind(created.id), SQLBind(created.campaignID), SQLBind(access.childID.uuid), SQLBind(created.code),
                    SQLBind(created.number), SQLBind(created.status), SQLBind(json), SQLBind(created.submittedAt),
                    SQLBind(created.submittedAt), SQLBind(deskName), SQLBind(1), SQLBind(stamp), SQLBind(stamp)
                ).run()
            return (
                created.value(schoolYearName: campaign.schoolYearName),
                [Self.event(submit ? "Nộp hồ sơ" : "Lưu nháp", created, form, changed: [], deskName: deskName)]
            )
        }
    }

    /// Parents may change an application while the window is open, and after it only to answer the council's
    /// request for more information, until the review ends.
    /// Whether the family may still change `application`: while applications are open, or — when the council asked
    /// for more information — until the review ends.
    public static func mayChange(_ application: AdmissionApplication?, in campaign: Campaign, at now: Date) -> Bool {
        mayChange(application?.status.rawValue, windows: campaign.windows, at: now)
    }

    static func mayChange(_ status: String?, windows: CampaignWindows, at now: Date) -> Bool {
        windows.isApplicationOpen(at: now) || (status == ApplicationStatus.needsInfo.rawValue && now < windows.reviewUntil)
    }

    /// The next application number of a campaign; callers hold the audit lock, so numbers never repeat or skip. In a
    /// batch of the write queue, the number is read once and counted on from there by the batch's later writes.
    static func nextNumber(_ campaign: UUID, on db: any Database) async throws -> Int {
        let key = "application-number:\(campaign.uuidString)"
        let next: Int
        if let last = WriteQueue.current?.kept[key] as? Int {
            next = last + 1
        } else {
            let highest = try await db.sql().select().column(SQLFunction("MAX", args: SQLColumn("number")), as: "highest")
                .from(ApplicationRow.schema).where("campaign_id", .equal, SQLBind(campaign))
                .first(decodingColumn: "highest", as: Int?.self)
            next = (highest.flatMap { $0 } ?? 0) + 1
        }
        WriteQueue.current?.kept[key] = next
        return next
    }

    /// The audit entry names the change and fingerprints the content; the family's details themselves stay in the
    /// application and its versions, which retention can erase, never in the permanent audit log.
    static func event(_ verb: String, _ row: StoredApplication, _ form: ApplicationForm, changed: [String], deskName: String)
        -> AuditEvent
    {
        let who = deskName.isEmpty ? "" : " (nhập tại bàn bởi \(deskName))"
        let code = RegistrationCode(row.code)?.masked ?? "••••"
        let digest = SecureToken.sha256Hex(row.formJSON)
        return AuditEvent(
            action: "application.\(row.status)", entity: "application", entityID: row.id.uuidString,
            summary: "\(verb) \(row.number.map { "số \($0)" } ?? "") mã \(code) cho trẻ \(form.childName.full)\(who)",
            before: String?.none,
            after: ["version": String(row.version), "sha256": digest, "changed": changed.joined(separator: ",")])
    }

    /// Names of the top‑level fields that differ between two stored forms.
    static func changedFields(_ old: String, _ new: String) -> [String] {
        let decode = { (text: String) in (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
        let a = decode(old)
        let b = decode(new)
        return Set(a.keys).union(b.keys).sorted().filter { key in
            guard let x = a[key], let y = b[key] else { return true }
            let text = { (value: Any) in try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]) }
            return text(x) != text(y)
        }
    }

}
