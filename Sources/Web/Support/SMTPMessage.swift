import Foundation
import NIOCore
import Records

/// An outbox email as the SMTP DATA command carries it.
enum SMTPMessage {
    /// The message: UTF‑8 headers encoded as RFC 2047 words, a base64 body in 76‑character lines, ending with ".".
    static func text(_ notification: OutboxMessage, from: String, date: Date = Date()) -> String {
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
            guard var buffer = try await iterator.next() else { throw DeliveryFailure("SMTP connection closed", permanent: false) }
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
        }
    }

    /// The reply's code and the text of its lines.
    mutating func reply() async throws -> (code: Int, lines: [String]) {
        var lines: [String] = []
        while true {
            let text = try await line()
            guard text.count >= 3, let code = Int(text.prefix(3)) else { throw DeliveryFailure("SMTP reply: \(text)", permanent: false) }
            lines.append(String(text.dropFirst(4)))
            if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] != "-" { return (code, lines) }
        }
    }
}
