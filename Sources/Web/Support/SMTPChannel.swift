import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Records

/// Sends the outbox's emails through an SMTP relay (`HOSO_SMTP_HOST`, `HOSO_SMTP_PORT`, `HOSO_SMTP_FROM`,
/// `HOSO_SMTP_SECURITY`, optional `HOSO_SMTP_USER`/`HOSO_SMTP_PASSWORD` for AUTH PLAIN and `HOSO_SMTP_CA_FILE` for a
/// relay whose certificate a private CA signed). TLS by STARTTLS (port 587 or 25) or from the first byte (port 465),
/// the relay's certificate verified; AUTH is only ever sent over TLS. Subjects are RFC 2047 words and bodies base64,
/// so Vietnamese arrives intact.
struct SMTPChannel: NotificationChannel {
    /// How the connection is protected.
    enum Security: String, Sendable, Equatable, CaseIterable {
        /// Plain connection upgraded with STARTTLS; a relay that does not offer it is refused.
        case starttls
        /// TLS from the first byte (SMTPS, port 465).
        case tls
        /// No TLS: only for a relay on the same machine, and never with AUTH.
        case none
    }

    struct Settings: Sendable, Equatable {
        var host: String
        var port: Int
        var from: String
        var username: String? = nil
        var password: String? = nil
        var security: Security = .starttls
        /// A PEM file of CA certificates trusted besides the system's.
        var caFile: String? = nil
    }

    let settings: Settings
    let group: any EventLoopGroup
    /// Made once per channel, not per message: loading the system's CAs costs more than a message.
    private let tls: Result<NIOSSLContext, any Error>?

    init(settings: Settings, group: any EventLoopGroup) {
        self.settings = settings
        self.group = group
        tls = settings.security == .none ? nil : Result { try Self.tlsContext(settings) }
    }

    var name: String { "email" }

    /// The longest one message may take, end to end: a relay that stops answering must not hold up the jobs.
    static let timeout: Duration = .seconds(20)

    func deliver(_ notification: OutboxMessage) async throws -> Int {
        try await deliver(batch: [notification])[0].get()
    }

    /// Sends the batch over one connection (one TLS handshake, one AUTH), each message accepted or refused on its
    /// own; a connection that fails leaves the rest to be tried again.
    func deliver(batch: [OutboxMessage]) async -> [Result<Int, any Error>] {
        let results = Results(count: batch.count)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await send(batch, into: results) }
                group.addTask {
                    try await Task.sleep(for: Self.timeout + .seconds(batch.count))
                    throw DeliveryFailure("SMTP: no answer within \(Self.timeout)", permanent: false)
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            results.fill(with: error)
        }
        return results.values
    }

    /// What each message of a batch came to, filled in as the conversation goes.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<Int, any Error>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Int, any Error>) { lock.withLock { slots[index] = result } }

        /// Gives every message without an outcome yet `error`.
        func fill(with error: any Error) { lock.withLock { slots = slots.map { $0 ?? .failure(error) } } }

        var values: [Result<Int, any Error>] {
            lock.withLock { slots.map { $0 ?? .failure(DeliveryFailure("SMTP: not sent", permanent: false)) } }
        }
    }

    /// The server name sent in the TLS handshake and checked in the certificate; an IP address is checked against
    /// the certificate's IP entries instead.
    private var serverName: String? {
        settings.host.contains(":") || settings.host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : settings.host
    }

    private static func tlsContext(_ settings: Settings) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = settings.caFile { configuration.additionalTrustRoots = [.file(caFile)] }
        return try NIOSSLContext(configuration: configuration)
    }

    private func send(_ batch: [OutboxMessage], into results: Results) async throws {
        if settings.username != nil && settings.security == .none {
            throw DeliveryFailure("SMTP: AUTH is sent only over TLS; set HOSO_SMTP_SECURITY to starttls or tls", permanent: false)
        }
        let tls = try self.tls?.get()
        let (implicit, serverName) = (settings.security == .tls ? tls : nil, serverName)
        let connection = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicit {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicit, serverHostname: serverName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await connection.executeThenClose { inbound, outbound in
            var session = Session(reader: ReplyReader(iterator: inbound.makeAsyncIterator()), outbound: outbound)
            try await session.expect([220], after: "greeting")
            var features = try await session.command("EHLO hoso", expect: [250])
            if settings.security == .starttls, let tls {
                guard features.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw DeliveryFailure("SMTP: the relay does not offer STARTTLS", permanent: false)
                }
                _ = try await session.command("STARTTLS", expect: [220])
                let channel = connection.channel
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
                }.get()
                features = try await session.command("EHLO hoso", expect: [250])
            }
            if let user = settings.username, let password = settings.password {
                guard features.contains(where: { $0.uppercased().hasPrefix("AUTH") }) else {
                    throw DeliveryFailure("SMTP: the relay does not offer AUTH", permanent: false)
                }
                let token = Data("\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString()
                _ = try await session.command("AUTH PLAIN \(token)", expect: [235], name: "AUTH")
            }
            // A refusal of the sender, the recipient or the message is final for this message, not for the others.
            for (index, notification) in batch.enumerated() {
                do {
                    _ = try await session.command("MAIL FROM:<\(settings.from)>", expect: [250], name: "MAIL FROM", final: true)
                    _ = try await session.command("RCPT TO:<\(notification.recipient)>", expect: [250, 251], name: "RCPT TO", final: true)
                    _ = try await session.command("DATA", expect: [354], final: true)
                    try await session.outbound.write(ByteBuffer(string: SMTPMessage.text(notification, from: settings.from)))
                    try await session.expect([250], after: "message", final: true)
                    results.set(index, .success(0))
                } catch {
                    results.set(index, .failure(error))
                    // The next message starts afresh; a connection that cannot even do that ends the batch.
                    _ = try await session.command("RSET", expect: [250])
                }
            }
            try? await session.outbound.write(ByteBuffer(string: "QUIT\r\n"))
            _ = try? await session.reader.reply()
        }
    }

    /// One SMTP conversation: a command, its reply checked.
    struct Session {
        var reader: ReplyReader
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        /// Sends `line` and returns the reply's lines (an EHLO's features); a reply not in `codes` throws, as a final
        /// refusal when `final` and the relay answered 5xx.
        mutating func command(_ line: String, expect codes: Set<Int>, name: String? = nil, final: Bool = false) async throws -> [String] {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            return try await expect(codes, after: name ?? line, final: final)
        }

        @discardableResult
        mutating func expect(_ codes: Set<Int>, after command: String, final: Bool = false) async throws -> [String] {
            let (code, lines) = try await reader.reply()
            guard codes.contains(code) else {
                throw DeliveryFailure("SMTP \(command): \(code) \(lines.last ?? "")", permanent: final && code >= 500)
            }
            return lines
        }
    }
}
