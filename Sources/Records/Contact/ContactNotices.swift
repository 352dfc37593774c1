import FluentKit
import Foundation

/// Where a family reads a message on the web: the links the contact book's emails and text messages carry. The web
/// layer, which knows the site's address and paths, fills them in.
public struct ContactLinks: Sendable {
    public var announcement: @Sendable (UUID) -> String
    public var child: @Sendable (StudentID) -> String
    public var conversation: @Sendable (StudentID) -> String

    public init(
        announcement: @escaping @Sendable (UUID) -> String, child: @escaping @Sendable (StudentID) -> String,
        conversation: @escaping @Sendable (StudentID) -> String
    ) {
        self.announcement = announcement
        self.child = child
        self.conversation = conversation
    }

    /// No links (tests, the command line).
    public static let none = ContactLinks(announcement: { _ in "" }, child: { _ in "" }, conversation: { _ in "" })
}

/// A guardian's choice of channels beyond the web page: email on by default (it is free), SMS and Zalo only when
/// chosen (the school pays for each message).
public struct ContactChannels: Sendable, Equatable {
    public var email: Bool
    public var sms: Bool
    public var zalo: Bool

    public init(email: Bool = true, sms: Bool = false, zalo: Bool = false) {
        self.email = email
        self.sms = sms
        self.zalo = zalo
    }
}

/// The outbox messages the contact book queues for what it carries (an announcement, a message, released results),
/// each in the transaction of the change itself: the full text by email, a short unaccented text with the link by
/// SMS or Zalo.
enum ContactNotices {
    struct Notice {
        var subject: String
        var body: String
        var short: String
        var source: String
        var urgent = false
        var notBefore: Date? = nil
    }

    /// Queues `notice` to each guardian in `guardians` by the channels they chose.
    static func send(_ notice: Notice, to guardians: [UUID], at now: Date, on db: any Database) async throws {
        try await send(guardians.map { ($0, notice) }, at: now, on: db)
    }

    /// Queues one notice per guardian (each family its own child's results), in batches.
    static func send(_ notices: [(guardian: UUID, notice: Notice)], at now: Date, on db: any Database) async throws {
        guard !notices.isEmpty else { return }
        var guardians: [UUID: GuardianRow] = [:]
        var choices: [UUID: ContactPreferenceRow] = [:]
        for chunk in notices.map(\.guardian).chunked(400) {
            for row in try await GuardianRow.query(on: db).filter(\.$id ~~ chunk).all() { guardians[row.id!] = row }
            for row in try await ContactPreferenceRow.query(on: db).filter(\.$guardianID ~~ chunk).all() { choices[row.guardianID] = row }
        }
        var rows: [OutboxRow] = []
        for (id, notice) in notices {
            guard let guardian = guardians[id] else { continue }
            let choice = choices[id].map { ContactChannels(email: $0.email, sms: $0.sms, zalo: $0.zalo) } ?? ContactChannels()
            let origin = Outbox.Origin(source: notice.source, guardian: GuardianID(id), urgent: notice.urgent, notBefore: notice.notBefore)
            let phone = guardian.phone
            rows += Outbox.rows(
                code: "", emails: choice.email ? [guardian.email] : [], phones: [], subject: notice.subject, body: notice.body, at: now,
                origin: origin)
            rows += Outbox.rows(
                code: "", emails: [], phones: choice.sms ? [phone] : [], zalo: choice.zalo ? [phone] : [], subject: notice.subject,
                body: notice.short, at: now, origin: origin)
        }
        try await Outbox.insert(rows, on: db)
    }

    /// A text message: unaccented so it fits one 160-character part, cut to leave room for the link.
    static func short(_ text: String, link: String) -> String {
        let plain = VietnameseText.unaccented(text)
        let room = max(40, 160 - link.count - 1)
        let cut = plain.count > room ? String(plain.prefix(room - 3)) + "..." : plain
        return link.isEmpty ? cut : cut + " " + link
    }
}

extension Array {
    /// The array in consecutive pieces of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
