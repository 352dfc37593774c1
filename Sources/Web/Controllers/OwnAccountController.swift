import Fluent
import Records
import Vapor

/// A person's own account: details, password, open sessions.
struct OwnAccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.account, use: show)
        routes.get(Site.accountPassword, use: show)
        routes.post(Site.accountPassword, use: changePassword)
        routes.post(Site.accountSessionEnd, use: endSession)
    }

    func page(_ req: Request, form: FormState = FormState()) async throws -> OwnAccountPages.Page {
        let user = try req.requireUser()
        let sessions = try await req.domain.sessions.openSessions(of: user.account.id).map { session in
            OwnAccountPages.SessionRow(
                endPath: Site.accountSessionEnd(session.id), createdAt: Timestamps.display(session.createdAt),
                lastSeenAt: Timestamps.display(session.lastSeenAt), address: session.address,
                device: Self.device(session.userAgent), isCurrent: session.id == user.session.id)
        }
        return OwnAccountPages.Page(
            layout: req.layout("Tài khoản của tôi"), username: user.account.username, name: user.account.name.full,
            roles: user.caller.grants.roles.sorted().map(\.label), mustChangePassword: user.account.mustChangePassword,
            secondFactorEnabled: user.account.secondFactorEnabled, sessions: sessions, form: form)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("account/account", page(req))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(OwnAccountPages.PasswordForm.self)
        do {
            try await req.domain.accounts.changeOwnPassword(
                current: form.current ?? "", new: form.password ?? "", confirmation: form.passwordConfirmation ?? "",
                keeping: user.session.id, by: user.caller)
        } catch let problems as FieldProblems {
            return try await req.render("account/account", page(req, form: FormState(problems: problems)), status: .unprocessableEntity)
        }
        return req.redirect(to: Site.account(), flash: "Đã đổi mật khẩu. Các phiên đăng nhập khác đã được kết thúc.")
    }

    @Sendable func endSession(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.pathValue(SessionID.self)
        try await req.domain.sessions.end(id, owner: user.account.id)
        if id == user.session.id {
            let response = req.redirect(to: Site.login(), flash: "Bạn đã đăng xuất.", kind: .info)
            response.cookies[SessionMiddleware.cookieName] = SessionMiddleware.expired(for: req)
            return response
        }
        return req.redirect(to: Site.account(), flash: "Đã kết thúc phiên đăng nhập.")
    }

    /// A short, readable device description from a User‑Agent.
    static func device(_ agent: String) -> String {
        let browser = ["Edg": "Edge", "Firefox": "Firefox", "Chrome": "Chrome", "Safari": "Safari"].first { agent.contains($0.key) }?.value
        let system = ["Android": "Android", "iPhone": "iPhone", "Windows": "Windows", "Mac OS": "macOS", "Linux": "Linux"]
            .first { agent.contains($0.key) }?.value
        let parts = [browser, system].compactMap { $0 }
        return parts.isEmpty ? "Không rõ thiết bị" : parts.joined(separator: " trên ")
    }
}
