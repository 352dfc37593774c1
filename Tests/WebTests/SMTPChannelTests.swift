import Foundation
import NIOPosix
import Records
import TestSupport
import Testing

@testable import Web

/// The email channel against a real SMTP server on loopback (aiosmtpd) that requires STARTTLS, or TLS from the
/// first byte, and accepts AUTH only over TLS; the message it received parsed by Python's email package.
@Suite struct SMTPChannelTests {
    static let message = OutboxMessage(
        id: UUID(), code: "CW8XR7RKWX", channel: "email", recipient: "me.anh@example.vn",
        subject: "Kết quả tuyển sinh lớp 1: trúng tuyển", body: "Trẻ Nguyễn Thị Ánh đã trúng tuyển vào lớp 1 của trường.",
        createdAt: Date(), sentAt: nil)

    static func channel(_ server: LoopbackServer, _ security: SMTPChannel.Security, user: String? = "hoso", caFile: String? = nil)
        -> SMTPChannel
    {
        SMTPChannel(
            settings: .init(
                host: "127.0.0.1", port: server.port, from: "tuyensinh@truong.edu.vn", username: user, password: "secret",
                security: security, caFile: caFile ?? server.caFile),
            group: MultiThreadedEventLoopGroup.singleton)
    }

    static func expectDelivered(_ server: LoopbackServer) throws {
        let received = try server.received()
        #expect(received.count == 1)
        let mail = try #require(received.first)
        #expect(mail["subject"] as? String == message.subject)
        #expect((mail["body"] as? String)?.trimmingCharacters(in: .newlines) == message.body)
        #expect(mail["charset"] as? String == "utf-8")
        #expect(mail["mail_from"] as? String == "tuyensinh@truong.edu.vn")
        #expect(mail["rcpt_tos"] as? [String] == ["me.anh@example.vn"])
        #expect(mail["tls"] as? Bool == true && mail["authenticated"] as? Bool == true)
    }

    @Test func aMessageGoesOverSTARTTLSAndAuthenticatesOnlyAfterIt() async throws {
        let server = try LoopbackServer("smtp_server.py", outputIsFolder: true)
        defer { server.stop() }
        #expect(try await Self.channel(server, .starttls).deliver(Self.message) == 0)
        try Self.expectDelivered(server)
    }

    @Test func aMessageGoesOverImplicitTLS() async throws {
        let server = try LoopbackServer("smtp_server.py", arguments: ["--implicit"], outputIsFolder: true)
        defer { server.stop() }
        _ = try await Self.channel(server, .tls).deliver(Self.message)
        try Self.expectDelivered(server)
    }

    @Test func authBeforeTLSIsRefusedAndNeverSentByHoso() async throws {
        let server = try LoopbackServer("smtp_server.py", outputIsFolder: true)
        defer { server.stop() }
        // The relay refuses AUTH on the plain connection …
        let token = Data("\u{0}hoso\u{0}secret".utf8).base64EncodedString()
        let answer = try Poppler.run(
            "python3",
            ["-c", "import smtplib; s = smtplib.SMTP('127.0.0.1', \(server.port)); s.ehlo(); print(s.docmd('AUTH', 'PLAIN \(token)')[0])"],
            package: "python3")
        #expect(answer.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("5"), "\(answer)")
        // … and hoso does not send it there: without TLS, a user is refused before connecting.
        await #expect(throws: DeliveryFailure.self) { try await Self.channel(server, .none).deliver(Self.message) }
        // Without a user, the plain connection is turned away by the relay at MAIL FROM.
        await #expect(throws: DeliveryFailure.self) { try await Self.channel(server, .none, user: nil).deliver(Self.message) }
        #expect(try server.received().isEmpty)
    }

    @Test func aRelayWhoseCertificateNoTrustedCASignedIsRefused() async throws {
        let server = try LoopbackServer("smtp_server.py", outputIsFolder: true)
        defer { server.stop() }
        await #expect(throws: (any Error).self) {
            try await Self.channel(server, .starttls, caFile: server.otherCAFile).deliver(Self.message)
        }
        #expect(try server.received().isEmpty)
    }

    @Test func aRefusedRecipientIsAFinalFailure() async throws {
        let server = try LoopbackServer("smtp_server.py", outputIsFolder: true)
        defer { server.stop() }
        var refused = Self.message
        refused = OutboxMessage(
            id: refused.id, code: refused.code, channel: "email", recipient: "refuse@example.vn", subject: refused.subject,
            body: refused.body, createdAt: refused.createdAt, sentAt: nil)
        let failure = await #expect(throws: DeliveryFailure.self) { try await Self.channel(server, .starttls).deliver(refused) }
        #expect(failure?.permanent == true, "\(String(describing: failure))")
    }

    @Test func aBatchGoesOverOneConnectionAndARefusalStopsOnlyItsMessage() async throws {
        let server = try LoopbackServer("smtp_server.py", outputIsFolder: true)
        defer { server.stop() }
        let recipients = ["me.anh@example.vn", "refuse@example.vn", "bo.anh@example.vn"]
        let batch = recipients.map {
            OutboxMessage(
                id: UUID(), code: "", channel: "email", recipient: $0, subject: Self.message.subject, body: Self.message.body,
                createdAt: Date(), sentAt: nil)
        }
        let results = await Self.channel(server, .starttls).deliver(batch: batch)
        #expect(results.count == 3)
        #expect((try? results[0].get()) == 0 && (try? results[2].get()) == 0)
        if case .failure(let error) = results[1] {
            #expect((error as? DeliveryFailure)?.permanent == true)
        } else {
            Issue.record("refused")
        }
        let received = try server.received()
        #expect(received.compactMap { ($0["rcpt_tos"] as? [String])?.first } == ["me.anh@example.vn", "bo.anh@example.vn"])
    }

    @Test func aRelayThatDoesNotAnswerIsTriedAgainLater() async throws {
        let channel = SMTPChannel(settings: .init(host: "127.0.0.1", port: 1, from: "a@b.vn"), group: MultiThreadedEventLoopGroup.singleton)
        let failure = await #expect(throws: (any Error).self) { try await channel.deliver(Self.message) }
        #expect((failure as? DeliveryFailure)?.permanent != true)
    }
}
