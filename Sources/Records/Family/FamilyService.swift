import FluentKit
import Foundation

/// Parent accounts for the contact book: the school invites each guardian with a one‑time code (sent by SMS or
/// email, or handed over on paper), the guardian opens an account with it, and the account sees all of that
/// guardian's children at the school — and nothing else.
public struct FamilyService: Sendable {
    let database: any Database
    let hasher: any PasswordHasher
    let clock: @Sendable () -> Date
    /// How long an invitation code works.
    public var invitationLifetime: TimeInterval = 30 * 24 * 3600
    /// Wrong codes allowed per address, and per guardian's code, within ``AttemptLimiter/window``.
    public var perAddress = 20, perCode = 5
    let limiter = AttemptLimiter(window: 15 * 60)

    /// A family service over `database`; `hasher` hashes the passwords parents choose.
    public init(database: any Database, hasher: any PasswordHasher, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.hasher = hasher
        self.clock = clock
    }

    // MARK: Staff side

    /// Every guardian of the school's pupils, by name, with their children and whether they have an account or an
    /// open invitation. Requires ``Permission/readRegister``.
    public func contacts(by caller: Caller) async throws -> [FamilyContact] {
        try caller.require(.readRegister)
        let now = clock()
        let links = try await StudentGuardianRow.query(on: database).all()
        let guardians = try await GuardianRow.query(on: database).sort(\.$searchKey).all()
        let students = Dictionary(uniqueKeysWithValues: try await StudentRow.query(on: database).all().map { ($0.id!, $0.name.full) })
        let accounts = try await GuardianAccountRow.query(on: database).all()
        let usernames = Dictionary(
            uniqueKeysWithValues: try await AccountRow.query(on: database)
                .filter(\.$id ~~ accounts.map(\.accountID)).all().map { ($0.id!, $0.username) })
        let invitations = try await ParentInvitationRow.query(on: database).filter(\.$usedAt == nil).filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > now.timeIntervalSince1970).all()
        let linksByGuardian = Dictionary(grouping: links, by: \.guardianID)
        return guardians.compactMap { row -> FamilyContact? in
            guard let own = linksByGuardian[row.id!], !own.isEmpty else { return nil }
            let children = own.compactMap { link in
                students[link.studentID].map { "\((GuardianRelation(rawValue: link.relation) ?? .guardian).label) của \($0)" }
            }
            let account = accounts.first { $0.guardianID == row.id }
            let expiry = invitations.filter { $0.guardianID == row.id }.map(\.expiresAt).max()
            return FamilyContact(
                guardian: row.value, children: children.sorted(), username: account.flatMap { usernames[$0.accountID] },
                invitationExpiresAt: expiry.map(Date.init(timeIntervalSince1970:)))
        }.sorted { $0.guardian.name.sortKey < $1.guardian.name.sortKey }
    }

    /// Invites one guardian in a transaction of its own; an earlier open invitation of theirs stops working.
    /// Requires ``Permission/writeRegister``.
    public func invite(_ guardian: GuardianID, by caller: Caller) async throws -> ParentInvitation {
        try caller.require(.writeRegister)
        let now = clock()
        let lifetime = invitationLifetime
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let (invitation, event) = try await Self.invite(guardian, validFor: lifetime, by: caller, at: now, on: db)
            return (invitation, [event])
        }
    }

    /// Issues an invitation inside a transaction the caller opened with ``AuditedWrite/run(by:_:)`` (so that the
    /// messages carrying the code are queued in the same transaction); return the event from the body. A guardian
    /// who already has an account is refused under `guardian`. Requires ``Permission/writeRegister``.
    public static func invite(
        _ guardian: GuardianID, validFor lifetime: TimeInterval, by caller: Caller, at now: Date,
        on db: any Database
    ) async throws -> (ParentInvitation, AuditEvent) {
        try caller.require(.writeRegister)
        guard let row = try await GuardianRow.find(guardian.uuid, on: db) else { throw RecordsError.notFound }
        if try await GuardianAccountRow.query(on: db).filter(\.$guardianID == guardian.uuid).first() != nil {
            throw FieldProblems("guardian", "\(row.name.full) đã có tài khoản phụ huynh.")
        }
        try await ParentInvitationRow.query(on: db).filter(\.$guardianID == guardian.uuid).filter(\.$usedAt == nil)
            .filter(\.$revokedAt == nil).set(\.$revokedAt, to: now.timeIntervalSince1970).update()
        let code = InvitationCode.generate()
        let invitation = ParentInvitationRow()
        invitation.id = UUID()
        invitation.guardianID = guardian.uuid
        invitation.codeHash = InvitationCode.fingerprint(InvitationCode.normalise(code)!)
        invitation.createdByName = caller.displayName
        invitation.createdAt = now.timeIntervalSince1970
        invitation.expiresAt = now.timeIntervalSince1970 + lifetime
        try await invitation.create(on: db)
        let expires = Date(timeIntervalSince1970: invitation.expiresAt)
        let event = AuditEvent(
            action: "guardian.invite", entity: AuditEntity.guardian.rawValue, entityID: guardian.description,
            summary: "Mời \(row.name.full) mở tài khoản phụ huynh (mã dùng đến \(Timestamps.display(expires)))")
        return (ParentInvitation(guardian: row.value, code: code, expiresAt: expires), event)
    }

    /// The guardians of `students` who have neither a parent account nor an open invitation, each once.
    public static func guardiansToInvite(of students: [StudentID], at now: Date, on db: any Database) async throws -> [GuardianID] {
        guard !students.isEmpty else { return [] }
        let links = try await StudentGuardianRow.query(on: db).filter(\.$studentID ~~ students.map(\.uuid)).sort(\.$position).all()
        let guardians = links.map(\.guardianID)
        var skip = Set(try await GuardianAccountRow.query(on: db).filter(\.$guardianID ~~ guardians).all().map(\.guardianID))
        skip.formUnion(
            try await ParentInvitationRow.query(on: db).filter(\.$guardianID ~~ guardians).all()
                .filter { $0.isOpen(at: now) }.map(\.guardianID))
        return guardians.filter { skip.insert($0).inserted }.map(GuardianID.init)
    }

    // MARK: The parent's side

    /// Opens a parent account with an invitation: the code must be open and the phone number (or email) must be the
    /// one the school holds for that guardian. Wrong tries count per address and per code before anything is
    /// checked. Problems come back by field (`code`, `contact`, `username`, `password`, `passwordConfirmation`);
    /// a wrong code and a wrong phone get the same message.
    public func redeem(_ redemption: InvitationRedemption, address: String) async throws -> Account {
        let now = clock()
        let symbols = InvitationCode.normalise(redemption.code)
        var problems = FieldProblems()
        if symbols == nil { problems.add("code", "Mã mời gồm 8 ký tự, ví dụ H7KM-2QXT.") }
        let username = Usernames.normalise(redemption.username)
        if VietnameseText.clean(redemption.contact).isEmpty {
            problems.add("contact", "Vui lòng nhập số điện thoại (hoặc email) mà nhà trường đã ghi cho bạn.")
        }
        Usernames.check(username, into: &problems)
        // Every problem of the form at once: a taken name is said together with a short code or a weak password.
        if problems.byField["username"] == nil, try await Usernames.isTaken(username, on: database) {
            problems.add("username", Self.usernameTaken.list[0].message)
        }
        PasswordPolicy.check(redemption.password, confirmation: redemption.passwordConfirmation, into: &problems)
        try problems.throwIfAny()
        let hash = InvitationCode.fingerprint(symbols!)
        let limits = [
            AttemptLimiter.Limit(key: "invitation-address:\(address)", max: perAddress),
            AttemptLimiter.Limit(key: "invitation:\(hash)", max: perCode),
        ]
        let attempt = try await limiter.begin(limits, now: now, on: database)
        guard let invitation = try await ParentInvitationRow.query(on: database).filter(\.$codeHash == hash).first(),
            invitation.isOpen(at: now), let guardian = try await GuardianRow.find(invitation.guardianID, on: database),
            Self.contactMatches(redemption.contact, guardian)
        else {
            try await limiter.fail(attempt, now: now, on: database)
            throw FieldProblems(
                "code", "Mã mời hoặc số điện thoại không đúng, hoặc mã đã hết hạn. Hãy kiểm tra lại hoặc liên hệ văn phòng nhà trường.")
        }
        let passwordHash = try await hasher.hash(redemption.password)
        let accountID = UUID()
        let caller = Caller.family(account: AccountID(accountID), displayName: "Phụ huynh \(guardian.name.full)", address: address)
        let account = try await AuditedWrite(database: database, clock: clock).run(by: caller) { db -> (Account, [AuditEvent]) in
            // Read again under the audit lock: two tabs redeeming the same code must not both succeed.
            guard let fresh = try await ParentInvitationRow.find(invitation.id!, on: db), fresh.isOpen(at: now),
                try await GuardianAccountRow.query(on: db).filter(\.$guardianID == guardian.id!).first() == nil
            else { throw FieldProblems("code", "Mã mời này đã được dùng.") }
            if try await Usernames.isTaken(username, on: db) { throw Self.usernameTaken }
            let row = AccountRow(
                staff: username, name: guardian.name, email: guardian.email, phone: guardian.phone,
                passwordHash: passwordHash, at: now, kind: .parent)
            row.id = accountID
            try await row.create(on: db)
            let link = GuardianAccountRow()
            link.id = UUID()
            link.guardianID = guardian.id!
            link.accountID = row.id!
            link.createdAt = Timestamps.storage(now)
            try await link.create(on: db)
            fresh.usedAt = now.timeIntervalSince1970
            try await fresh.update(on: db)
            return (
                Account(row),
                [
                    AuditEvent(
                        action: "account.parent.create", entity: AuditEntity.account.rawValue,
                        entityID: row.id!.uuidString,
                        summary: "\(guardian.name.full) mở tài khoản phụ huynh \(username) bằng mã mời",
                        before: AccountSnapshot?.none, after: AccountSnapshot(row))
                ]
            )
        }
        try await limiter.forget(attempt, on: database)
        return account
    }

    /// The signed‑in parent's children at the school, by name. Staff get ``RecordsError/forbidden``.
    public func children(by caller: Caller) async throws -> [FamilyChild] {
        let guardian = try await guardianID(of: caller)
        let links = try await StudentGuardianRow.query(on: database).filter(\.$guardianID == guardian).all()
        var children: [FamilyChild] = []
        for link in links { children.append(try await child(of: link)) }
        return children.sortedByName(\.name)
    }

    /// One of the signed‑in parent's children; any other pupil is ``RecordsError/notFound`` (not forbidden, so a
    /// parent cannot learn which pupils exist).
    public func child(_ id: StudentID, by caller: Caller) async throws -> FamilyChild {
        try await child(of: Self.link(of: id, by: caller, on: database))
    }

    func guardianID(of caller: Caller) async throws -> UUID {
        try await Self.guardianID(of: caller, on: database)
    }

    static func guardianID(of caller: Caller, on db: any Database) async throws -> UUID {
        guard caller.isParent, let account = caller.accountID,
            let link = try await GuardianAccountRow.query(on: db).filter(\.$accountID == account.uuid).first()
        else { throw RecordsError.forbidden }
        return link.guardianID
    }

    /// The signed-in parent's link to `student`: ``RecordsError/forbidden`` for anyone not a parent,
    /// ``RecordsError/notFound`` for a pupil not theirs. Every family read of one child goes through it.
    static func link(of student: StudentID, by caller: Caller, on db: any Database) async throws -> StudentGuardianRow {
        let guardian = try await guardianID(of: caller, on: db)
        guard
            let link = try await StudentGuardianRow.query(on: db).filter(\.$guardianID == guardian)
                .filter(\.$studentID == student.uuid).first()
        else { throw RecordsError.notFound }
        return link
    }

    func child(of link: StudentGuardianRow) async throws -> FamilyChild {
        guard let student = try await StudentRow.find(link.studentID, on: database) else { throw RecordsError.notFound }
        let enrollments = try await EnrollmentRow.query(on: database).filter(\.$studentID == link.studentID).all()
        let years = enrollments.isEmpty ? [] : try await SchoolYearRow.query(on: database).filter(\.$id ~~ enrollments.map(\.yearID)).all()
        let latestYear = years.max { $0.startsOn < $1.startsOn }
        let enrollment = enrollments.first { $0.yearID == latestYear?.id }
        let schoolClass = try await ClassRow.find(enrollment?.classID, on: database)
        let teacher = try await AccountRow.find(schoolClass?.homeroomAccountID, on: database)
        let entry = try await RegisterEntryRow.query(on: database).filter(\.$studentID == link.studentID).first()
        return FamilyChild(
            studentID: StudentID(student.id!), name: student.name,
            birthDate: SchoolDate(iso: student.birthDate) ?? SchoolDate(year: 1900, month: 1, day: 1)!,
            relation: GuardianRelation(rawValue: link.relation) ?? .guardian, className: schoolClass?.name,
            yearName: latestYear?.name, homeroomTeacher: teacher?.name.full, registerNumber: entry?.numberText)
    }

    static let usernameTaken = FieldProblems("username", "Tên đăng nhập này đã có người dùng; hãy chọn tên khác.")

    static func contactMatches(_ typed: String, _ guardian: GuardianRow) -> Bool {
        // Both sides in one form: a mother who types +84 912 345 602 has the number the school wrote 0912 345 602.
        let digits = { (text: String) in IdentityKeys.phoneDigits(Contact.mobile(text) ?? text) }
        let phone = digits(guardian.phone)
        if !phone.isEmpty { return digits(typed) == phone }
        if !guardian.email.isEmpty { return VietnameseText.clean(typed).lowercased() == guardian.email.lowercased() }
        return true
    }
}
