import Admissions
import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import Web

/// A small SMTP server on loopback that accepts one message and records the conversation.
final class FakeSMTPServer: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let lock = NSLock()
    private var transcript = ""
    private var inData = false
    private var pending = ""

    var received: String { lock.withLock { transcript } }

    func channelActive(context: ChannelHandlerContext) {
        reply("220 fake ESMTP", context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let range = pending.range(of: "\r\n") {
            let line = String(pending[..<range.lowerBound])
            pending.removeSubrange(..<range.upperBound)
            lock.withLock { transcript += line + "\n" }
            if inData {
                if line == "." {
                    inData = false
                    reply("250 queued", context: context)
                }
                continue
            }
            switch line.prefix(4).uppercased() {
            case "EHLO": reply("250-fake\r\n250 AUTH PLAIN", context: context)
            case "AUTH": reply("235 ok", context: context)
            case "MAIL", "RCPT": reply("250 ok", context: context)
            case "DATA":
                inData = true
                reply("354 go", context: context)
            case "QUIT":
                reply("221 bye", context: context)
                context.close(promise: nil)
            default: reply("500 what", context: context)
            }
        }
    }

    private func reply(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }
}

@Suite struct SMTPChannelTests {
    @Test func aNotificationIsSentAsUTF8MailThroughTheRelay() async throws {
        let server = FakeSMTPServer()
        let group = MultiThreadedEventLoopGroup.singleton
        let listener = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in channel.pipeline.addHandler(server) }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { listener.close(promise: nil) }
        let port = try #require(listener.localAddress?.port)
        let channel = SMTPChannel(
            settings: .init(host: "127.0.0.1", port: port, from: "tuyensinh@truong.edu.vn", username: "u", password: "p"),
            group: group)
        let message = OutboxMessage(
            id: UUID(), code: "CW8XR7RKWX", channel: "email", recipient: "me@example.vn",
            subject: "Kết quả tuyển sinh lớp 1: trúng tuyển", body: "Trẻ Nguyễn Thị Ánh đã trúng tuyển.",
            createdAt: Date(), sentAt: nil)
        try await channel.deliver(message)
        let transcript = server.received
        #expect(transcript.contains("MAIL FROM:<tuyensinh@truong.edu.vn>"))
        #expect(transcript.contains("RCPT TO:<me@example.vn>"))
        #expect(transcript.contains("AUTH PLAIN \(Data("\u{0}u\u{0}p".utf8).base64EncodedString())"))
        let subject = "Subject: =?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?="
        #expect(transcript.contains(subject))
        let bodyLines =
            transcript.components(separatedBy: "Content-Transfer-Encoding: base64\n\n").last?
            .components(separatedBy: "\n.\n").first?.replacingOccurrences(of: "\n", with: "") ?? ""
        #expect(String(data: Data(base64Encoded: bodyLines) ?? Data(), encoding: .utf8) == "Trẻ Nguyễn Thị Ánh đã trúng tuyển.")
    }

    @Test func aRelayThatRefusesLeavesTheMessageQueued() async throws {
        let channel = SMTPChannel(settings: .init(host: "127.0.0.1", port: 1, from: "a@b.vn"), group: MultiThreadedEventLoopGroup.singleton)
        let message = OutboxMessage(
            id: UUID(), code: "X", channel: "email", recipient: "me@example.vn", subject: "s", body: "b",
            createdAt: Date(), sentAt: nil)
        await #expect(throws: (any Error).self) { try await channel.deliver(message) }
    }
}
