import Foundation
import Records
import Vapor

/// The family's side of the contact book: an announcement opened (and so read), confirmed when it asks for it, and
/// the conversation with the school about each child.
struct FamilyContactController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.familyAnnouncement, use: announcement)
        routes.post(Site.familyConfirm, use: confirm)
        routes.get(Site.familyConversation, use: conversation)
        routes.post(Site.familyConversation, use: ContactController().write)
    }

    struct AnnouncementPage: Encodable {
        let layout: Layout
        let title: String
        let body: String
        let author: String
        let sentAt: String
        let children: String
        let replyBy: String
        let confirmed: Bool
        let confirmAction: String?
        let files: [ContactPages.FileLine]
        let reportAction: String
    }

    @Sendable func announcement(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self)
        let caller = try req.caller()
        guard caller.isParent else { throw Abort(.notFound) }
        let (announcement, children, confirmed) = try await req.domain.contact.announcement(id, by: caller)
        return try await req.render(
            "family/announcement",
            AnnouncementPage(
                layout: req.layout(announcement.title, active: Site.familyHome()), title: announcement.title, body: announcement.body,
                author: announcement.authorName, sentAt: Timestamps.display(announcement.sendAt), children: children,
                replyBy: announcement.replyBy?.display ?? "", confirmed: confirmed,
                confirmAction: announcement.replyBy == nil || confirmed ? nil : Site.familyConfirm(id),
                files: try await req.domain.contact.announcementFiles(id, by: caller).map { ContactPages.FileLine($0, family: true) },
                reportAction: Site.familyReport(id)))
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self)
        let caller = try req.caller()
        guard caller.isParent else { throw Abort(.notFound) }
        try await req.domain.contact.confirm(id, by: caller)
        return req.redirect(to: Site.familyAnnouncement(id), flash: "Đã xác nhận với nhà trường: anh/chị đã đọc thông báo.")
    }

    @Sendable func conversation(req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.isParent else { throw Abort(.notFound) }
        return try await ContactController().renderConversation(req, try req.pathValue(StudentID.self), caller: caller)
    }
}

extension FamilyPages {
    /// One line of the family's feed on their home page.
    struct FeedLine: Encodable {
        let kind: String
        let title: String
        let children: String
        let excerpt: String
        let at: String
        let unread: Bool
        let needsConfirmation: Bool
        let href: String

        init(_ item: FamilyFeedItem) {
            kind = item.kind == .announcement ? "Thông báo" : "Tin nhắn"
            title = item.title
            children = item.children
            excerpt = item.excerpt
            at = Timestamps.display(item.at)
            unread = item.unread
            needsConfirmation = item.needsConfirmation
            href = item.kind == .announcement ? Site.familyAnnouncement(item.id) : Site.familyConversation(StudentID(item.id))
        }
    }
}
