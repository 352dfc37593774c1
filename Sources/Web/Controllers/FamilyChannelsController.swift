import Foundation
import Records
import Vapor

/// The family's choice of channels: email free, SMS and Zalo where the school uses them.
struct FamilyChannelsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.familyChannels, use: show)
        routes.post(Site.familyChannels, use: save)
    }

    struct Page: Encodable {
        let layout: Layout
        let action: String
        let email: Bool
        let sms: Bool
        let zalo: Bool
        let emailAddress: String
        let phone: String
        let smsOffered: Bool
        let zaloOffered: Bool
        let errors: [String: String]
    }

    struct Form: Content {
        let email: String?
        let sms: String?
        let zalo: String?
    }

    func page(_ req: Request, _ channels: ContactChannels, errors: FieldProblems = FieldProblems()) async throws -> Page {
        let current = try await req.domain.contact.channels(by: req.caller())
        return Page(
            layout: req.layout("Nhận tin của nhà trường", active: Site.familyHome()), action: Site.familyChannels(), email: channels.email,
            sms: channels.sms, zalo: channels.zalo, emailAddress: current.email, phone: current.phone,
            smsOffered: req.application.config.sms != nil, zaloOffered: req.application.config.zalo != nil, errors: errors.byField)
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard try req.caller().isParent else { throw Abort(.notFound) }
        let current = try await req.domain.contact.channels(by: req.caller())
        return try await req.render("family/channels", try await page(req, current.channels))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let caller = try req.caller()
        guard caller.isParent else { throw Abort(.notFound) }
        let form = try req.content.decode(Form.self)
        let chosen = ContactChannels(email: form.email == "1", sms: form.sms == "1", zalo: form.zalo == "1")
        do {
            try await req.domain.contact.setChannels(chosen, by: caller)
        } catch let problems as FieldProblems {
            return try await req.render("family/channels", try await page(req, chosen, errors: problems), status: .unprocessableEntity)
        }
        return req.redirect(to: Site.familyChannels(), flash: "Đã lưu cách nhận tin của anh/chị.")
    }
}
