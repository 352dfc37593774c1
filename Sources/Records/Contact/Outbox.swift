import FluentKit
import Foundation

/// A message to a family: stored in the outbox first, then handed to a channel.
public struct OutboxMessage: Sendable, Equatable {
    public let id: UUID
    public let code: String
    /// `email`, `sms` or `zalo`.
    public let channel: String
    public let recipient: String
    public let subject: String
    public let body: String
    public let createdAt: Date
    public let sentAt: Date?
    /// Tries made so far, why the last one failed, and when the outbox gave up.
    public var attempts: Int = 0
    public var lastError: String? = nil
    public var failedAt: Date? = nil
    /// What a paid channel charged for it, in đồng.
    public var cost: Int? = nil
    /// The guardian it goes to, when the contact book queued it.
    public var guardian: GuardianID? = nil

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

/// Something that delivers notifications (an SMTP relay, an SMS brandname gateway, Zalo ZNS).
public protocol NotificationChannel: Sendable {
    /// The channel name stored with each notification (`email`, `sms`, `zalo`).
    var name: String { get }
    /// Whether the channel stays silent in quiet hours (a phone that buzzes at night): SMS and Zalo do, email not.
    var keepsQuietHours: Bool { get }
    /// Delivers one notification and returns what it cost in đồng (0 when free). Throwing
    /// ``DeliveryFailure`` with `permanent` gives the message up at once; any other error is tried again later.
    func deliver(_ notification: OutboxMessage) async throws -> Int
    /// Delivers several notifications in order, over one session where the channel has one (an SMTP connection);
    /// each result is that message's cost or its failure. By default one ``deliver(_:)`` after another.
    func deliver(batch: [OutboxMessage]) async -> [Result<Int, any Error>]
}

extension NotificationChannel {
    public var keepsQuietHours: Bool { false }

    public func deliver(batch: [OutboxMessage]) async -> [Result<Int, any Error>] {
        var results: [Result<Int, any Error>] = []
        for message in batch {
            do { results.append(.success(try await deliver(message))) } catch { results.append(.failure(error)) }
        }
        return results
    }
}

/// Why a channel could not deliver: permanent (a refused address, a rejected template) or worth another try.
public struct DeliveryFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public let permanent: Bool

    public init(_ description: String, permanent: Bool) {
        self.description = description
        self.permanent = permanent
    }
}

/// The nightly silence of phone channels: by default 21:00 to 06:30, Vietnam time (the rule; a school
/// sets its own).
public struct QuietHours: Sendable, Equatable {
    /// Minutes after midnight.
    public var start: Int
    public var end: Int

    public init(start: Int = 21 * 60, end: Int = 6 * 60 + 30) {
        self.start = start
        self.end = end
    }

    /// Whether `date` falls in the quiet hours.
    public func contains(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SchoolDate.vietnam
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let minute = parts.hour! * 60 + parts.minute!
        return start > end ? (minute >= start || minute < end) : (minute >= start && minute < end)
    }
}

/// The outbox: messages written in the same transaction as the change they announce, delivered afterwards, each
/// tried again with growing pauses until it goes or is given up with its reason. A message given up or waiting for
/// its next try never holds back the others.
public struct Outbox: Sendable {
    let database: any Database
    /// Pauses after the 1st, 2nd… failed try; after the last the message is given up.
    public var backoff: [TimeInterval] = [60, 300, 1800, 7200, 21_600]
    public var quietHours = QuietHours()

    public init(database: any Database) { self.database = database }

    /// Where a message comes from and whom it is for, for the delivery status on the sender's page.
    public struct Origin: Sendable {
        public var source: String?
        public var guardian: GuardianID?
        public var urgent: Bool
        /// Not before this time (a scheduled announcement).
        public var notBefore: Date?
        /// The body kept once sent, when the body carries a secret such as an invitation code.
        public var maskedBody: String?

        public init(
            source: String? = nil, guardian: GuardianID? = nil, urgent: Bool = false, notBefore: Date? = nil, maskedBody: String? = nil
        ) {
            self.source = source
            self.guardian = guardian
            self.urgent = urgent
            self.notBefore = notBefore
            self.maskedBody = maskedBody
        }
    }

    /// Queues a message to each email address, phone number (SMS) and Zalo number given; empty ones and repeats
    /// are skipped. Call it inside the transaction of the change it announces.
    public static func queue(
        code: String, emails: [String], phones: [String], zalo: [String] = [], subject: String, body: String, at now: Date,
        origin: Origin = Origin(), on db: any Database
    ) async throws {
        try await insert(
            rows(code: code, emails: emails, phones: phones, zalo: zalo, subject: subject, body: body, at: now, origin: origin), on: db)
    }

    static func rows(
        code: String, emails: [String], phones: [String], zalo: [String] = [], subject: String, body: String, at now: Date, origin: Origin
    ) -> [OutboxRow] {
        var recipients: [(channel: String, address: String)] = []
        for (channel, address) in emails.map({ ("email", $0) }) + phones.map({ ("sms", $0) }) + zalo.map({ ("zalo", $0) })
        where !address.isEmpty && !recipients.contains(where: { $0 == (channel, address) }) {
            recipients.append((channel, address))
        }
        return recipients.map { channel, recipient in
            let row = OutboxRow()
            row.id = UUID()
            row.code = code
            row.channel = channel
            row.recipient = recipient
            row.subject = subject
            row.body = body
            row.createdAt = now.timeIntervalSince1970
            row.attempts = 0
            row.urgent = origin.urgent
            row.source = origin.source
            row.guardianID = origin.guardian?.uuid
            row.maskedBody = origin.maskedBody
            row.nextAttemptAt = origin.notBefore.map(\.timeIntervalSince1970)
            return row
        }
    }

    /// Inserts `rows` a hundred at a time (one statement each, within the caller's transaction).
    static func insert(_ rows: [OutboxRow], on db: any Database) async throws {
        for chunk in rows.chunked(100) { try await Array(chunk).create(on: db) }
    }

    /// Gives up the messages of `source` not sent yet (a retracted announcement), with `reason`.
    static func cancel(source: String, reason: String, at now: Date, on db: any Database) async throws {
        try await OutboxRow.query(on: db).filter(\.$source == source).filter(\.$sentAt == nil).filter(\.$failedAt == nil)
            .set(\.$failedAt, to: now.timeIntervalSince1970).set(\.$lastError, to: reason).update()
    }

    /// The newest messages, for the outbox page, newest first; requires ``Permission/viewAdmissions`` or
    /// ``Permission/manageSchool``. Without ``Permission/seeFamilyContacts`` the recipients are masked and the
    /// codes left out.
    public func recent(limit: Int = 200, by caller: Caller) async throws -> [OutboxMessage] {
        guard caller.may(.viewAdmissions) || caller.may(.manageSchool) else { throw RecordsError.forbidden }
        let messages = try await OutboxRow.query(on: database).sort(\.$createdAt, .descending).limit(limit).all().map(Self.value)
        guard !caller.may(.seeFamilyContacts) else { return messages }
        // The inspector reads what was sent and when, not where to: recipients masked, codes left out.
        return messages.map {
            var masked = OutboxMessage(
                id: $0.id, code: "", channel: $0.channel,
                recipient: $0.channel == "email" ? Masked.email($0.recipient) : Masked.phone($0.recipient), subject: $0.subject,
                body: $0.body, createdAt: $0.createdAt, sentAt: $0.sentAt)
            (masked.attempts, masked.lastError, masked.failedAt, masked.cost) = ($0.attempts, $0.lastError, $0.failedAt, $0.cost)
            return masked
        }
    }

    /// The messages queued by `source` (an announcement, a conversation), for delivery status per recipient.
    public func messages(from source: String) async throws -> [OutboxMessage] {
        try await OutboxRow.query(on: database).filter(\.$source == source).sort(\.$createdAt).all().map(Self.value)
    }

    /// Hands the messages of the channel's kind that are due to it, oldest first: not sent, not given up, their next
    /// try (or scheduled time) reached, and — for a channel that keeps quiet hours, at night — only the urgent ones.
    /// A failure schedules the next try after the backoff, or gives the message up with its reason. Returns how many
    /// were sent.
    @discardableResult
    public func deliver(through channel: any NotificationChannel, limit: Int = 500, now: Date = Date()) async throws -> Int {
        let moment = now.timeIntervalSince1970
        let query = OutboxRow.query(on: database).filter(\.$channel == channel.name).filter(\.$sentAt == nil).filter(\.$failedAt == nil)
            .group(.or) { $0.filter(\.$nextAttemptAt == nil).filter(\.$nextAttemptAt <= moment) }
        if channel.keepsQuietHours && quietHours.contains(now) { query.filter(\.$urgent == true) }
        let pending = try await query.sort(\.$createdAt).limit(limit).all()
        var sent = 0
        // Fifty at a time over one session, their outcomes written in one transaction (one commit, not fifty).
        for chunk in pending.chunked(50) {
            let rows = Array(chunk)
            let results = await channel.deliver(batch: rows.map(Self.value))
            for (row, result) in zip(rows, results) {
                row.attempts += 1
                switch result {
                case .success(let cost):
                    row.sentAt = moment
                    row.cost = cost
                    row.lastError = nil
                    if let masked = row.maskedBody { row.body = masked }
                    sent += 1
                case .failure(let error):
                    row.lastError = String(describing: error).prefix(500).description
                    let permanent = (error as? DeliveryFailure)?.permanent ?? false
                    if permanent || row.attempts > backoff.count {
                        row.failedAt = moment
                        if let masked = row.maskedBody { row.body = masked }
                    } else {
                        row.nextAttemptAt = moment + backoff[row.attempts - 1]
                    }
                }
            }
            try await database.transaction { db in
                for row in rows { try await row.update(on: db) }
            }
        }
        return sent
    }

    /// What the paid channels cost, month by month (Vietnam time), newest first: the principal's figure.
    public func costs(by caller: Caller) async throws -> [(month: String, channel: String, messages: Int, cost: Int)] {
        guard caller.may(.controlAssessment) || caller.may(.manageSchool) else { throw RecordsError.forbidden }
        let rows = try await OutboxRow.query(on: database).filter(\.$sentAt != nil).filter(\.$channel != "email").all()
        var totals: [String: (messages: Int, cost: Int)] = [:]
        for row in rows {
            let month = SchoolDate(Date(timeIntervalSince1970: row.sentAt ?? 0)).display.dropFirst(3)
            let key = "\(month)|\(row.channel)"
            totals[key, default: (0, 0)].messages += 1
            totals[key, default: (0, 0)].cost += row.cost ?? 0
        }
        return totals.map { key, value in
            let parts = key.split(separator: "|").map(String.init)
            return (parts[0], parts[1], value.messages, value.cost)
        }.sorted { ($0.month.suffix(4) + $0.month.prefix(2), $0.channel) > ($1.month.suffix(4) + $1.month.prefix(2), $1.channel) }
    }

    static func value(_ row: OutboxRow) -> OutboxMessage {
        var message = OutboxMessage(
            id: row.id!, code: row.code, channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body,
            createdAt: Date(timeIntervalSince1970: row.createdAt), sentAt: row.sentAt.map(Date.init(timeIntervalSince1970:)))
        message.attempts = row.attempts
        message.lastError = row.lastError
        message.failedAt = row.failedAt.map(Date.init(timeIntervalSince1970:))
        message.cost = row.cost
        message.guardian = row.guardianID.map(GuardianID.init)
        return message
    }
}
