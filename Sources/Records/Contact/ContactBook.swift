import FluentKit
import Foundation

/// The contact book's announcements: the principal, the admin board or a homeroom teacher writes to the school, a
/// grade, a class or chosen families, sees exactly who will receive it before sending, and afterwards who read and
/// confirmed it. The audience is frozen when sent (one row per family). A sender retracts; nothing is deleted.
public struct ContactBook: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    /// Where the emails and text messages point families to.
    public var links = ContactLinks.none
    /// Where attachments are kept; without it, attachments are refused.
    public var files: ContactFiles? = nil

    /// The contact book over `database`.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// Who `audience` reaches, for the sender to check before sending. Refused (``RecordsError/forbidden``) for an
    /// audience the caller may not address.
    public func preview(_ audience: Audience, by caller: Caller) async throws -> AudiencePreview {
        let resolved = try await ContactAudience(database: database).resolve(audience, by: caller)
        return AudiencePreview(label: resolved.label, pupils: resolved.pupils.count, families: resolved.families)
    }

    /// Sends (or schedules) an announcement; the audience is checked and frozen in the same transaction. Returns it.
    @discardableResult
    public func announce(_ draft: AnnouncementDraft, by caller: Caller) async throws -> Announcement {
        guard !caller.isParent else { throw RecordsError.forbidden }
        var problems = FieldProblems()
        let title = VietnameseText.clean(draft.title)
        let body = VietnameseText.clean(draft.body)
        if title.isEmpty { problems.add("title", "Nhập tiêu đề thông báo.") }
        if title.count > 200 { problems.add("title", "Tiêu đề dài quá 200 ký tự.") }
        if body.isEmpty { problems.add("body", "Nhập nội dung thông báo.") }
        if body.count > 10_000 { problems.add("body", "Nội dung dài quá 10.000 ký tự.") }
        let now = clock()
        if let replyBy = draft.replyBy, replyBy < SchoolDate(now) { problems.add("replyBy", "Hạn xác nhận đã qua.") }
        try problems.throwIfAny()
        let audience = draft.audience
        let fileID = UUID()
        let announcement: Announcement
        do {
            announcement = try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
                let resolved = try await ContactAudience(database: db).resolve(audience, by: caller)
                if resolved.families.isEmpty { throw FieldProblems("audience", "Không có gia đình nào nhận thông báo này.") }
                let narrow: Bool
                switch audience {
                case .class, .group: narrow = true
                case .school, .grade: narrow = false
                }
                var attachment: (ContactAttachmentRow, AttachmentUpload)?
                if var upload = draft.attachment {
                    if !narrow && upload.showsPupils == true {
                        throw FieldProblems("showsPupils", "Ảnh có hình học sinh chỉ gửi tới một lớp hoặc một nhóm gia đình.")
                    }
                    if !narrow { upload.showsPupils = upload.showsPupils ?? false }
                    attachment = (try await checked(upload, audience: Set(resolved.pupils.keys), id: fileID, on: db), upload)
                }
                let row = AnnouncementRow()
                row.id = UUID()
                row.authorID = caller.accountID?.uuid
                row.authorName = caller.displayName
                row.scopeKind = resolved.kind
                row.scopeValue = resolved.value
                row.scopeLabel = resolved.label
                row.title = title
                row.body = body
                row.replyBy = draft.replyBy?.iso
                row.urgent = draft.urgent
                row.sendAt = Timestamps.storage(max(draft.sendAt ?? now, now))
                row.createdAt = Timestamps.storage(now)
                try await row.create(on: db)
                if let (file, upload) = attachment {
                    file.announcementID = row.id
                    try await store(file, upload, on: db)
                }
                let recipients = resolved.families.map { family in
                    let recipient = AnnouncementRecipientRow()
                    recipient.id = UUID()
                    recipient.announcementID = row.id!
                    recipient.guardianID = family.guardianID.uuid
                    recipient.children = family.children.joined(separator: "; ")
                    return recipient
                }
                // A hundred rows a statement: a whole school's families in a few statements.
                for chunk in recipients.chunked(100) { try await Array(chunk).create(on: db) }
                let link = links.announcement(row.id!)
                let sendAt = max(draft.sendAt ?? now, now)
                var text = "\(title)\n\n\(body)"
                if let replyBy = draft.replyBy { text += "\n\nXin anh/chị xác nhận đã đọc trước ngày \(replyBy.display)." }
                if !link.isEmpty { text += "\n\nXem trên sổ liên lạc: \(link)" }
                text += "\n\n\(caller.displayName)"
                try await ContactNotices.send(
                    .init(
                        subject: title, body: text, short: ContactNotices.short("Thong bao: \(title)", link: link),
                        source: "announcement:\(row.id!)", urgent: draft.urgent, notBefore: sendAt > now ? sendAt : nil),
                    to: resolved.families.map(\.guardianID.uuid), at: now, on: db)
                let event = AuditEvent(
                    action: "contact.announce", entity: AuditEntity.contact.rawValue, entityID: row.id!.uuidString,
                    summary: "Thông báo “\(title)” gửi \(resolved.label): \(resolved.families.count) gia đình", before: String?.none,
                    after: ["audience": resolved.label, "families": "\(resolved.families.count)", "sendAt": row.sendAt])
                return (Self.value(row, families: resolved.families.count, read: 0, confirmed: 0), [event])
            }
        } catch {
            // Nothing was committed: no file is left behind.
            discard(fileID)
            throw error
        }
        publish(fileID)
        return announcement
    }

    /// Announcements the caller sent, newest first — every announcement of the school for the principal (Điều 11).
    public func sent(by caller: Caller) async throws -> [Announcement] {
        guard !caller.isParent else { throw RecordsError.forbidden }
        let query = AnnouncementRow.query(on: database).sort(\.$createdAt, .descending).limit(200)
        if !caller.may(.controlAssessment) {
            guard let account = caller.accountID else { return [] }
            query.filter(\.$authorID == account.uuid)
        }
        let rows = try await query.all()
        let recipients = Dictionary(
            grouping: try await AnnouncementRecipientRow.query(on: database).filter(\.$announcementID ~~ rows.map { $0.id! }).all(),
            by: \.announcementID)
        return rows.map { row in
            let all = recipients[row.id!] ?? []
            return Self.value(
                row, families: all.count, read: all.filter { $0.readAt != nil }.count, confirmed: all.filter { $0.confirmedAt != nil }.count
            )
        }
    }

    /// Who an announcement reached and who read or confirmed it: its sender or the principal.
    public func recipients(of id: UUID, by caller: Caller) async throws -> [(
        family: String, children: String, read: Date?, confirmed: Date?
    )] {
        let row = try await sentRow(id, by: caller)
        let recipients = try await AnnouncementRecipientRow.query(on: database).filter(\.$announcementID == row.id!).all()
        let guardians = Dictionary(
            uniqueKeysWithValues: try await GuardianRow.query(on: database).filter(\.$id ~~ recipients.map(\.guardianID)).all().map {
                ($0.id!, $0.name.full)
            })
        return recipients.map {
            (
                guardians[$0.guardianID] ?? "", $0.children, $0.readAt.flatMap(Timestamps.parseStorage),
                $0.confirmedAt.flatMap(Timestamps.parseStorage)
            )
        }.sorted { $0.family < $1.family }
    }

    /// The sender (or the principal) retracts an announcement: families no longer see it; it is kept.
    public func retract(_ id: UUID, by caller: Caller) async throws {
        let row = try await sentRow(id, by: caller)
        guard row.retractedAt == nil else { return }
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            row.retractedAt = Timestamps.storage(now)
            row.retractedBy = caller.displayName
            try await row.update(on: db)
            try await Outbox.cancel(source: "announcement:\(id)", reason: "Thông báo đã thu hồi trước khi gửi", at: now, on: db)
            let event = AuditEvent(
                action: "contact.retract", entity: AuditEntity.contact.rawValue, entityID: id.uuidString,
                summary: "Thu hồi thông báo “\(row.title)”", before: String?.none, after: ["retractedBy": caller.displayName])
            return ((), [event])
        }
    }

    func sentRow(_ id: UUID, by caller: Caller) async throws -> AnnouncementRow {
        guard !caller.isParent, let row = try await AnnouncementRow.find(id, on: database) else { throw RecordsError.notFound }
        guard caller.may(.controlAssessment) || (caller.accountID != nil && row.authorID == caller.accountID?.uuid) else {
            throw RecordsError.forbidden
        }
        return row
    }

    static func value(_ row: AnnouncementRow, families: Int, read: Int, confirmed: Int) -> Announcement {
        Announcement(
            id: row.id!, authorName: row.authorName, audienceLabel: row.scopeLabel, title: row.title, body: row.body,
            replyBy: row.replyBy.flatMap(SchoolDate.init(iso:)), urgent: row.urgent,
            sendAt: Timestamps.parseStorage(row.sendAt) ?? Date(timeIntervalSince1970: 0), retracted: row.retractedAt != nil,
            families: families, read: read, confirmed: confirmed)
    }
}

extension ContactBook {
    /// Whether the staff member has written in the contact book before (the rules of Điều 11 are shown until then).
    public func hasWritten(by caller: Caller) async throws -> Bool {
        guard let account = caller.accountID?.uuid else { return false }
        if try await AnnouncementRow.query(on: database).filter(\.$authorID == account).first() != nil { return true }
        return try await ContactMessageRow.query(on: database).filter(\.$authorID == account).first() != nil
    }
}
