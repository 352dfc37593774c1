import Records
import Vapor

/// The signed‑in person for this request, set by ``SessionMiddleware``.
struct CurrentUser: Sendable {
    let account: Account
    let session: SessionInfo
    let caller: Caller
}

struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }
struct SchoolProfileKey: StorageKey { typealias Value = SchoolProfile }
struct CSRFTokenKey: StorageKey { typealias Value = String }

extension Request {
    /// The signed‑in user, if any.
    var user: CurrentUser? { storage[CurrentUserKey.self] }

    /// The signed‑in, fully authenticated user; otherwise the request is sent to the login page.
    func requireUser() throws -> CurrentUser {
        guard let user, user.session.stage == .active else { throw Abort.redirect(to: Paths.login) }
        return user
    }

    /// The caller for domain services.
    func caller() throws -> Caller { try requireUser().caller }

    /// The school's profile (present once setup is done).
    var school: SchoolProfile? { storage[SchoolProfileKey.self] }

    /// The CSRF token forms on this page must carry.
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }
}
