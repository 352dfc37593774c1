import FluentKit
import Foundation
import Records
import SQLKit

/// A message to a family: stored in the outbox first, then handed to a channel (email now; SMS or Zalo gateways
/// implement ``NotificationChannel`` later).
public struct OutboxMessage: Sendable, Equatable {
    public let id: UUID
    public let code: String
    /// `email` or `sms`.
    public let channel: String
    public let recipient: String
    public let subject: String
    public let body: String
    public let createdAt: Date
    public let sentAt: Date?

    /// A message as stored (tests and channels build them too).
    public init(id: UUID, code: String, channel: String, recipient: String, subject: String, body: String, createdAt: Date, sentAt: Date?) {
        self.id = id
        self.code = code
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

/// Something that delivers notifications (an SMTP relay, an SMS gateway…).
public protocol NotificationChannel: Sendable {
    /// The channel name stored with each notification (`email`, `sms`).
    var name: String { get }
    /// Delivers one notification; throwing leaves it unsent in the outbox for a later try.
    func deliver(_ notification: OutboxMessage) async throws
}

/// The outbox: notifications written in the same transaction as the change they announce, delivered afterwards.
public struct Outbox: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Queues a message to every email and phone the application names.
    static func queue(code: String, form: ApplicationForm, subject: String, body: String, at now: Date, on db: any Database) async throws {
        let people = [form.mother, form.father, form.guardian]
        try await queue(code: code, emails: people.map(\.email), phones: people.map(\.phone), subject: subject, body: body, at: now, on: db)
    }

    /// Queues a message to each email address and phone number given (empty ones and repeats are skipped).
    static func queue(
        code: String, emails: [String], phones: [String], subject: String, body: String, at now: Date,
        on db: any Database
    ) async throws {
        var recipients: [(channel: String, address: String)] = []
        for (channel, address) in emails.map({ ("email", $0) }) + phones.map({ ("sms", $0) })
        where !address.isEmpty && !recipients.contains(where: { $0 == (channel, address) }) {
            recipients.append((channel, address))
        }
        for (channel, recipient) in recipients {
            let row = NotificationRow()
            row.id = UUID()
            row.code = code
            row.channel = channel
            row.recipient = recipient
            row.subject = subject
            row.body = body
            row.createdAt = now.timeIntervalSince1970
            try await row.create(on: db)
        }
    }

    /// The newest notifications, for the outbox page, newest first; requires ``Permission/viewAdmissions``. Without ``Permission/seeFamilyContacts``
    /// the recipients are masked and the codes left out.
    public func recent(limit: Int = 200, by caller: Caller) async throws -> [OutboxMessage] {
        try caller.require(.viewAdmissions)
        let messages = try await NotificationRow.query(on: database).sort(\.$createdAt, .descending).limit(limit).all().map(Self.value)
        guard !caller.may(.seeFamilyContacts) else { return messages }
        // The inspector reads what was sent and when, not where to: recipients masked, codes left out.
        return messages.map {
            OutboxMessage(
                id: $0.id, code: "", channel: $0.channel,
                recipient: $0.channel == "email" ? Masked.email($0.recipient) : Masked.phone($0.recipient), subject: $0.subject,
                body: $0.body, createdAt: $0.createdAt, sentAt: $0.sentAt)
        }
    }

    /// Hands unsent notifications of the channel's kind to it; failures stay queued.
    @discardableResult
    public func deliver(through channel: any NotificationChannel, limit: Int = 500, now: Date = Date()) async throws -> Int {
        let pending = try await NotificationRow.query(on: database).filter(\.$channel == channel.name).filter(\.$sentAt == nil)
            .sort(\.$createdAt).limit(limit).all()
        var sent = 0
        for row in pending {
            do {
                try await channel.deliver(Self.value(row))
                row.sentAt = now.timeIntervalSince1970
                try await row.update(on: database)
                sent += 1
            } catch {
                continue
            }
        }
        return sent
    }

    static func value(_ row: NotificationRow) -> OutboxMessage {
        OutboxMessage(
            id: row.id!, code: row.code, channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body,
            createdAt: Date(timeIntervalSince1970: row.createdAt), sentAt: row.sentAt.map(Date.init(timeIntervalSince1970:)))
    }
}
