import FluentKit
import Foundation
import Records

/// Invitations for the families of admitted children to open their parent accounts (the contact book): each code
/// goes out by SMS and email through the outbox in the same transaction that issues it, and is shown once to the
/// clerk for families without a phone or email.
public struct FamilyInvitations: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    /// How long an invitation works.
    public var lifetime: TimeInterval = 30 * 24 * 3600

    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Invites every guardian of the campaign's converted pupils who has neither a parent account nor an open
    /// invitation (run it again after new conversions; a lost code is replaced one by one from the families page).
    /// `school` names the school in the message; `activationURL` is the page where the code is entered. Requires
    /// ``Permission/writeRegister``.
    public func inviteConverted(_ campaign: CampaignID, school: String, activationURL: String, by caller: Caller) async throws
        -> [ParentInvitation]
    {
        try caller.require(.writeRegister)
        let students = try await ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid).filter(\.$studentID != nil)
            .all().compactMap(\.studentID).map(StudentID.init)
        guard !students.isEmpty else { throw FieldProblems("invite", "Chưa có trẻ nào được chuyển vào sổ đăng bộ.") }
        return try await run(school: school, activationURL: activationURL, by: caller) { db, now in
            try await FamilyService.guardiansToInvite(of: students, at: now, on: db)
        }
    }

    /// Invites one guardian, with the same messages. Requires ``Permission/writeRegister``.
    public func invite(_ guardian: GuardianID, school: String, activationURL: String, by caller: Caller) async throws -> ParentInvitation {
        try caller.require(.writeRegister)
        return try await run(school: school, activationURL: activationURL, by: caller) { _, _ in [guardian] }[0]
    }

    /// Issues an invitation to each guardian `guardians` picks and queues its messages, all in one transaction.
    func run(
        school: String, activationURL: String, by caller: Caller,
        guardians: @escaping @Sendable (any Database, Date) async throws -> [GuardianID]
    ) async throws -> [ParentInvitation] {
        let now = clock()
        let lifetime = lifetime
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            var invitations: [ParentInvitation] = []
            var events: [AuditEvent] = []
            for guardian in try await guardians(db, now) {
                let (invitation, event) = try await FamilyService.invite(guardian, validFor: lifetime, by: caller, at: now, on: db)
                // Once sent, the outbox keeps the text with the code masked: the code opens an account.
                let body = Self.message(invitation, school: school, activationURL: activationURL)
                let masked = body.replacingOccurrences(of: invitation.code, with: Masked.code(invitation.code))
                try await Outbox.queue(
                    code: "", emails: [invitation.guardian.email], phones: [invitation.guardian.phone],
                    subject: "Mời mở tài khoản sổ liên lạc điện tử", body: body, at: now,
                    origin: Outbox.Origin(source: "invitation", guardian: invitation.guardian.id, maskedBody: masked), on: db)
                invitations.append(invitation)
                events.append(event)
            }
            return (invitations, events)
        }
    }

    /// The SMS/email text: short enough for two SMS segments, with everything needed to open the account.
    static func message(_ invitation: ParentInvitation, school: String, activationURL: String) -> String {
        let proof =
            invitation.guardian.phone.isEmpty && !invitation.guardian.email.isEmpty
            ? "địa chỉ email này" : "số điện thoại anh/chị đã khai với nhà trường"
        return "\(school) mời \(invitation.guardian.name.full) mở tài khoản sổ liên lạc điện tử: vào \(activationURL), nhập mã mời "
            + "\(invitation.code) cùng \(proof). Mã dùng đến \(Timestamps.display(invitation.expiresAt))."
    }
}
