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
struct StaticAssetKey: StorageKey { typealias Value = Bool }

extension Request {
    /// The signed‑in user, if any.
    var user: CurrentUser? { storage[CurrentUserKey.self] }

    /// The signed‑in, fully authenticated user. Anyone else is sent where their login stands: to the login page, to
    /// the one‑time code, to setting up the second factor the school requires, or to changing a reset password.
    func requireUser() throws -> CurrentUser {
        guard let user else { throw Abort.redirect(to: Site.login()) }
        switch user.session.stage {
        case .secondFactor: throw Abort.redirect(to: Site.loginCode())
        case .enrolSecondFactor: throw Abort.redirect(to: Site.secondFactor())
        case .active:
            if user.account.mustChangePassword && !url.path.hasPrefix(Site.account()) && url.path != Site.logout() {
                throw Abort.redirect(to: Site.account())
            }
            return user
        }
    }

    /// The caller for domain services.
    func caller() throws -> Caller { try requireUser().caller }

    /// The school's profile (present once setup is done).
    var school: SchoolProfile? { storage[SchoolProfileKey.self] }

    /// Whether the request is for a static file (styles, scripts, fonts), which needs no session or school. Worked out
    /// once per request: every layer of the middleware asks, and `url.path` goes through Foundation's URL parser.
    var isStaticAsset: Bool {
        if let known = storage[StaticAssetKey.self] { return known }
        let path = url.path
        let known = Assets.folders.contains { path.hasPrefix($0) }
        storage[StaticAssetKey.self] = known
        return known
    }

    /// The CSRF token forms on this page must carry: the visitor's own, or one drawn now and set as their cookie.
    var csrfToken: String {
        if let token = storage[CSRFTokenKey.self] { return token }
        let token = CSRFMiddleware.newToken()
        storage[CSRFTokenKey.self] = token
        storage[CSRFDrawnKey.self] = true
        return token
    }
}
