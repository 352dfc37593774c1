import FluentKit
import Foundation

/// The family's side of the contact book: one login for all of a guardian's children, a feed of announcements and
/// conversations across them, labelled by class; reading an announcement marks it read, confirming it answers a
/// "xác nhận đã đọc".
extension ContactBook {
    /// The signed-in parent's feed, newest first: announcements sent to them (not retracted, not scheduled for
    /// later) and the conversations about their children.
    public func feed(by caller: Caller) async throws -> [FamilyFeedItem] {
        let guardian = try await FamilyService.guardianID(of: caller, on: database)
        let now = Timestamps.storage(clock())
        let recipients = try await AnnouncementRecipientRow.query(on: database).filter(\.$guardianID == guardian).all()
        let announcements = try await AnnouncementRow.query(on: database).filter(\.$id ~~ recipients.map(\.announcementID))
            .filter(\.$retractedAt == nil).filter(\.$sendAt <= now).all()
        let mine = Dictionary(uniqueKeysWithValues: recipients.map { ($0.announcementID, $0) })
        var items = announcements.map { row in
            let recipient = mine[row.id!]
            return FamilyFeedItem(
                kind: .announcement, id: row.id!, title: row.title, children: recipient?.children ?? "",
                excerpt: String(row.body.prefix(160)),
                at: Timestamps.parseStorage(row.sendAt) ?? Date(timeIntervalSince1970: 0), unread: recipient?.readAt == nil,
                needsConfirmation: row.replyBy != nil && recipient?.confirmedAt == nil)
        }
        let children = try await StudentGuardianRow.query(on: database).filter(\.$guardianID == guardian).all().map(\.studentID)
        let threads = try await ContactThreadRow.query(on: database).filter(\.$studentID ~~ children).all()
        for thread in threads {
            let messages = try await ContactMessageRow.query(on: database).filter(\.$threadID == thread.id!).filter(\.$retractedAt == nil)
                .sort(\.$createdAt).all()
            guard let last = messages.last else { continue }
            let read = Set(
                try await ContactReadRow.query(on: database).filter(\.$messageID ~~ messages.map { $0.id! })
                    .filter(\.$readerID == (caller.accountID?.uuid ?? UUID())).all().map(\.messageID))
            let name = try await StudentRow.find(thread.studentID, on: database)?.name.full ?? ""
            let className = try await Self.className(of: thread.studentID, on: database)
            items.append(
                FamilyFeedItem(
                    kind: .conversation, id: thread.studentID, title: "Trao đổi với nhà trường về \(name)",
                    children: "\(name) (\(className))", excerpt: String(last.body.prefix(160)),
                    at: Timestamps.parseStorage(last.createdAt) ?? Date(timeIntervalSince1970: 0),
                    unread: messages.contains { !$0.fromFamily && !read.contains($0.id!) }, needsConfirmation: false))
        }
        return items.sorted { $0.at > $1.at }
    }

    /// One announcement sent to the signed-in parent, marked read; any other is ``RecordsError/notFound``.
    public func announcement(_ id: UUID, by caller: Caller) async throws -> (announcement: Announcement, children: String, confirmed: Bool)
    {
        let (row, recipient) = try await received(id, by: caller)
        if recipient.readAt == nil {
            recipient.readAt = Timestamps.storage(clock())
            try await recipient.update(on: database)
        }
        return (Self.value(row, families: 0, read: 0, confirmed: 0), recipient.children, recipient.confirmedAt != nil)
    }

    /// The signed-in parent confirms they read an announcement that asks for it.
    public func confirm(_ id: UUID, by caller: Caller) async throws {
        let (row, recipient) = try await received(id, by: caller)
        guard row.replyBy != nil else { throw FieldProblems("confirm", "Thông báo này không cần xác nhận.") }
        guard recipient.confirmedAt == nil else { return }
        let now = Timestamps.storage(clock())
        recipient.readAt = recipient.readAt ?? now
        recipient.confirmedAt = now
        try await recipient.update(on: database)
    }

    func received(_ id: UUID, by caller: Caller) async throws -> (AnnouncementRow, AnnouncementRecipientRow) {
        let guardian = try await FamilyService.guardianID(of: caller, on: database)
        guard
            let recipient = try await AnnouncementRecipientRow.query(on: database).filter(\.$announcementID == id)
                .filter(\.$guardianID == guardian).first(),
            let row = try await AnnouncementRow.find(id, on: database), row.retractedAt == nil,
            row.sendAt <= Timestamps.storage(clock())
        else { throw RecordsError.notFound }
        return (row, recipient)
    }
}
