import Fluent
import Records
import Vapor

/// Reads the session cookie, resolves it against the database and stores the current user and their rights.
struct SessionMiddleware: Middleware {
    static let cookieName = "hoso_session"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // A request without a session cookie (a parent on the portal, a probe, a file) touches no database here.
        guard !request.isStaticAsset, let token = request.cookies[Self.cookieName]?.string, !token.isEmpty else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask {
            try await Self.resolve(token, for: request)
        }.flatMap { next.respond(to: request) }
    }

    private static func resolve(_ token: String, for request: Request) async throws {
        guard let (session, account) = try await request.domain.sessions.resolve(token: token) else { return }
        let caller: Caller
        if account.kind == .parent {
            // A parent holds no staff rights whatever roles might say; what they see follows their own children.
            caller = .family(account: account.id, displayName: account.name.full, address: request.clientAddress)
        } else {
            let grants = try await request.domain.roles.grants(for: account.id)
            caller = Caller(accountID: account.id, displayName: account.name.full, grants: grants, address: request.clientAddress)
        }
        request.storage[CurrentUserKey.self] = CurrentUser(account: account, session: session, caller: caller)
    }

    /// The cookie that carries a new session's token.
    static func cookie(_ token: String, for request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token, path: "/", isSecure: request.application.config.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }

    /// A cookie value that removes the session cookie.
    static func expired(for request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: request.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}
