import Admissions
import Foundation
import NIOCore
import NIOPosix

/// Sends notification emails through an SMTP relay (`HOSO_SMTP_HOST`, `HOSO_SMTP_PORT`, `HOSO_SMTP_FROM`, optional
/// `HOSO_SMTP_USER`/`HOSO_SMTP_PASSWORD` for AUTH PLAIN). Plain SMTP only: point it at the school's relay or a local
/// MTA that handles TLS onwards. Subjects and bodies are UTF‑8, base64‑encoded, so Vietnamese arrives intact.
struct SMTPChannel: NotificationChannel {
    struct Settings: Sendable, Equatable {
        var host: String
        var port: Int
        var from: String
        var username: String?
        var password: String?
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let settings: Settings
    let group: any EventLoopGroup

    var name: String { "email" }

    /// The longest one message may take, end to end: a relay that stops answering must not hold up the jobs.
    static let timeout: Duration = .seconds(20)

    func deliver(_ notification: OutboxMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await send(notification) }
            group.addTask {
                try await Task.sleep(for: Self.timeout)
                throw Failure(description: "SMTP: no answer within \(Self.timeout)")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func send(_ notification: OutboxMessage) async throws {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var reader = ReplyReader(iterator: inbound.makeAsyncIterator())
            func send(_ line: String) async throws { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            func expect(_ codes: Set<Int>, after command: String) async throws {
                let code = try await reader.reply()
                guard codes.contains(code) else { throw Failure(description: "SMTP \(command): \(code)") }
            }
            try await expect([220], after: "greeting")
            try await send("EHLO hoso")
            try await expect([250], after: "EHLO")
            if let user = settings.username, let password = settings.password {
                let token = Data("\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString()
                try await send("AUTH PLAIN \(token)")
                try await expect([235], after: "AUTH")
            }
            try await send("MAIL FROM:<\(settings.from)>")
            try await expect([250], after: "MAIL FROM")
            try await send("RCPT TO:<\(notification.recipient)>")
            try await expect([250, 251], after: "RCPT TO")
            try await send("DATA")
            try await expect([354], after: "DATA")
            try await outbound.write(ByteBuffer(string: Self.message(notification, from: settings.from)))
            try await expect([250], after: "message")
            try await send("QUIT")
            _ = try? await reader.reply()
        }
    }

    /// The message: UTF‑8 headers encoded as RFC 2047 words, a base64 body in 76‑character lines, ending with ".".
    static func message(_ notification: OutboxMessage, from: String, date: Date = Date()) -> String {
        let subject = "=?UTF-8?B?\(Data(notification.subject.utf8).base64EncodedString())?="
        let body = Data(notification.body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return [
            "From: \(from)", "To: \(notification.recipient)", "Subject: \(subject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(notification.id.uuidString.lowercased())@hoso>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "", body, ".", "",
        ].joined(separator: "\r\n")
    }

    /// Reads SMTP replies, including multi‑line ones (`250-…` lines up to `250 …`).
    struct ReplyReader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        mutating func line() async throws -> String {
            while true {
                if let range = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                    let line = String(pending[..<range.lowerBound])
                    pending.removeSubrange(..<range.upperBound)
                    return line
                }
                guard var buffer = try await iterator.next() else { throw Failure(description: "SMTP connection closed") }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
            }
        }

        mutating func reply() async throws -> Int {
            while true {
                let text = try await line()
                guard text.count >= 3, let code = Int(text.prefix(3)) else { throw Failure(description: "SMTP reply: \(text)") }
                if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] != "-" { return code }
            }
        }
    }
}
