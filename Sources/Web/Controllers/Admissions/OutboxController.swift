import Admissions
import Fluent
import Records
import Vapor

/// The outbox: every notification the system queued for families, and whether a channel has sent it.
struct OutboxController: RouteCollection {
    struct Row: Encodable {
        let at: String
        let channel: String
        let recipient: String
        let subject: String
        let body: String
        let sent: Bool
    }

    struct Page: Encodable {
        let layout: Layout
        let rows: [Row]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admissions", "outbox", use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let rows = try await Outbox(database: req.db).recent(by: req.caller()).map {
            Row(at: Timestamps.display($0.createdAt), channel: $0.channel == "email" ? "Email" : "Tin nhắn", recipient: $0.recipient,
                subject: $0.subject, body: $0.body, sent: $0.sentAt != nil)
        }
        return try await req.render("admissions/outbox", Page(layout: req.layout("Thông báo đã gửi", active: AdmissionPaths.outbox), rows: rows))
    }
}
