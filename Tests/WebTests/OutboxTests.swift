import Fluent
import Foundation
import Records
import TestSupport
import Testing

@testable import Web

/// A channel that records what it was handed: addresses starting with "refuse" are refused for good, "busy" ones
/// are turned away for now, the rest go and cost 800 đ on a paid channel.
final class RecordingChannel: NotificationChannel, @unchecked Sendable {
    let name: String
    let keepsQuietHours: Bool
    private let lock = NSLock()
    private var handed: [String] = []

    init(_ name: String, quiet: Bool = false) {
        self.name = name
        keepsQuietHours = quiet
    }

    var calls: [String] { lock.withLock { handed } }

    func deliver(_ notification: OutboxMessage) async throws -> Int {
        lock.withLock { handed.append(notification.recipient) }
        if notification.recipient.hasPrefix("refuse") { throw DeliveryFailure("550 5.1.1 no such mailbox", permanent: true) }
        if notification.recipient.hasPrefix("busy") { throw DeliveryFailure("421 try again later", permanent: false) }
        return name == "email" ? 0 : 800
    }
}

/// The outbox: retries with growing pauses and a limit, a refused message given up with its reason and never in the
/// way of the others, quiet hours for phones, scheduled messages, secrets masked once sent, costs per month.
@Suite struct OutboxTests {
    static func vietnam(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        return calendar.date(from: DateComponents(year: 2026, month: 12, day: day, hour: hour, minute: minute))!
    }

    static func queue(_ db: any Database, email: [String] = [], sms: [String] = [], at: Date, origin: Outbox.Origin = .init()) async throws
    {
        try await Outbox.queue(
            code: "", emails: email, phones: sms, subject: "Họp phụ huynh", body: "Tối thứ Sáu.", at: at, origin: origin, on: db)
    }

    @Test func retriesBackOffAndGiveUpWhileOthersGo() async throws {
        try await withHoso { app in
            let start = Self.vietnam(7, 9)
            try await Self.queue(app.db, email: ["busy@example.vn"], at: start)
            try await Self.queue(app.db, email: ["refuse@example.vn"], at: start.addingTimeInterval(1))
            try await Self.queue(app.db, email: ["me.anh@example.vn"], at: start.addingTimeInterval(2))
            let outbox = Outbox(database: app.db)
            let channel = RecordingChannel("email")
            #expect(try await outbox.deliver(through: channel, now: start.addingTimeInterval(5)) == 1)
            #expect(channel.calls == ["busy@example.vn", "refuse@example.vn", "me.anh@example.vn"])
            var messages = try await outbox.recent(by: .system())
            let refused = try #require(messages.first { $0.recipient == "refuse@example.vn" })
            #expect(refused.failedAt != nil && refused.lastError?.contains("550") == true && refused.attempts == 1)
            // The busy relay is tried again only after each pause (1, 5, 30 minutes, 2 and 6 hours), then given up.
            var moment = start.addingTimeInterval(5)
            for pause in outbox.backoff {
                #expect(try await outbox.deliver(through: channel, now: moment.addingTimeInterval(pause - 1)) == 0)
                moment = moment.addingTimeInterval(pause)
                _ = try await outbox.deliver(through: channel, now: moment)
            }
            #expect(channel.calls.filter { $0 == "busy@example.vn" }.count == outbox.backoff.count + 1)
            #expect(channel.calls.filter { $0 == "refuse@example.vn" }.count == 1, "a refused message is not tried again")
            messages = try await outbox.recent(by: .system())
            let busy = try #require(messages.first { $0.recipient == "busy@example.vn" })
            #expect(busy.failedAt != nil && busy.sentAt == nil && busy.attempts == outbox.backoff.count + 1)
            #expect(busy.lastError?.contains("421") == true)
            _ = try await outbox.deliver(through: channel, now: moment.addingTimeInterval(86_400))
            #expect(channel.calls.count == outbox.backoff.count + 3, "nothing given up is handed over again")
        }
    }

    @Test func refusedMessagesNeverHoldBackTheOnesBehindThem() async throws {
        try await withHoso { app in
            let start = Self.vietnam(7, 9)
            for index in 0..<60 {
                try await Self.queue(app.db, email: ["refuse\(index)@example.vn"], at: start.addingTimeInterval(Double(index)))
            }
            try await Self.queue(app.db, email: ["me.anh@example.vn"], at: start.addingTimeInterval(100))
            let outbox = Outbox(database: app.db)
            let channel = RecordingChannel("email")
            #expect(try await outbox.deliver(through: channel, limit: 50, now: start.addingTimeInterval(200)) == 0)
            #expect(try await outbox.deliver(through: channel, limit: 50, now: start.addingTimeInterval(260)) == 1)
            #expect(channel.calls.last == "me.anh@example.vn" && channel.calls.count == 61)
        }
    }

    @Test func phonesStayQuietAtNightUnlessUrgentAndScheduledMessagesWait() async throws {
        try await withHoso { app in
            let evening = Self.vietnam(7, 21, 30)
            try await Self.queue(app.db, email: ["me.anh@example.vn"], sms: ["0912345601"], at: evening)
            try await Self.queue(app.db, sms: ["0912345602"], at: evening, origin: .init(urgent: true))
            try await Self.queue(app.db, email: ["bo.anh@example.vn"], at: evening, origin: .init(notBefore: Self.vietnam(8, 7)))
            let outbox = Outbox(database: app.db)
            let sms = RecordingChannel("sms", quiet: true)
            let email = RecordingChannel("email")
            #expect(try await outbox.deliver(through: sms, now: evening) == 1)
            #expect(sms.calls == ["0912345602"], "only the urgent SMS goes at 21:30")
            #expect(try await outbox.deliver(through: email, now: evening) == 1)
            #expect(email.calls == ["me.anh@example.vn"], "email is not held; the scheduled one waits")
            #expect(try await outbox.deliver(through: sms, now: Self.vietnam(8, 6, 29)) == 0)
            #expect(try await outbox.deliver(through: sms, now: Self.vietnam(8, 6, 30)) == 1)
            #expect(try await outbox.deliver(through: email, now: Self.vietnam(8, 6, 59)) == 0)
            #expect(try await outbox.deliver(through: email, now: Self.vietnam(8, 7)) == 1)
            let costs = try await outbox.costs(by: .system())
            #expect(costs.count == 1 && costs.first?.month == "12/2026" && costs.first?.channel == "sms")
            #expect(costs.first?.messages == 2 && costs.first?.cost == 1_600)
        }
    }

    @Test func aSecretIsMaskedOnceSent() async throws {
        try await withHoso { app in
            let now = Self.vietnam(7, 9)
            try await Outbox.queue(
                code: "CW8XR7RKWX", emails: ["me.anh@example.vn"], phones: [], subject: "Mã mời", body: "Mã mời của anh chị: CW8XR7RKWX",
                at: now, origin: .init(maskedBody: "Mã mời của anh chị: \(Masked.code("CW8XR7RKWX"))"), on: app.db)
            let outbox = Outbox(database: app.db)
            #expect(try await outbox.recent(by: .system()).first?.body.contains("CW8XR7RKWX") == true, "the channel gets the code")
            _ = try await outbox.deliver(through: RecordingChannel("email"), now: now)
            let body = try #require(try await outbox.recent(by: .system()).first?.body)
            #expect(!body.contains("CW8XR7RKWX") && body.hasSuffix("••••••••WX"), "\(body)")
        }
    }
}
