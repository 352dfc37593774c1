import Admissions
import Fluent
import Records
import Vapor

/// The outbox: every notification the system queued for families, and whether a channel has sent it.
struct OutboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.outbox, use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let rows = try await req.domain.outbox.recent(by: req.caller()).map {
            OutboxPages.Row(
                at: Timestamps.display($0.createdAt), channel: OutboxPages.channelName($0.channel), recipient: $0.recipient,
                subject: $0.subject, body: $0.body, sent: $0.sentAt != nil, status: OutboxPages.status($0))
        }
        return try await req.render(
            "admissions/outbox", OutboxPages.Page(layout: req.layout("Thông báo đã gửi", active: Site.outbox()), rows: rows))
    }
}
