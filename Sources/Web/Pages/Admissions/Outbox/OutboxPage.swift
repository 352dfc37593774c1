import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `OutboxController`: plain values that templates read, built without a request.
enum OutboxPages {}

extension OutboxPages {
    struct Page: Encodable {
        let layout: Layout
        let rows: [Row]
    }

    struct Row: Encodable {
        let at: String
        let channel: String
        let recipient: String
        let subject: String
        let body: String
        let sent: Bool
        let status: String
    }

    /// "Email", "SMS", "Zalo".
    static func channelName(_ channel: String) -> String {
        switch channel {
        case "email": "Email"
        case "zalo": "Zalo"
        default: "SMS"
        }
    }

    /// Where a message stands, in the words of the sender's page: sent (and what it cost), waiting for its time or
    /// its next try, or given up with the reason.
    static func status(_ message: OutboxMessage) -> String {
        if let sent = message.sentAt {
            return "Đã gửi \(Timestamps.display(sent))" + (message.cost.map { $0 > 0 ? " · \($0) đ" : "" } ?? "")
        }
        if message.failedAt != nil { return "Không gửi được: \(message.lastError ?? "")" }
        if message.attempts > 0 { return "Chờ gửi lại (đã thử \(message.attempts) lần: \(message.lastError ?? ""))" }
        return "Chờ gửi"
    }
}
