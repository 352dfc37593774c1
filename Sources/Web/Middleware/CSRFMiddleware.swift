import Fluent
import Foundation
import Records
import Vapor

/// Double‑submit CSRF protection: every visitor gets a random token in an HttpOnly, SameSite cookie; every form
/// carries it in `_csrf`; a state‑changing request whose field does not match the cookie is refused with 403.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "hoso_csrf"
    /// Largest multipart body: the application form's, above the 5 MB a file may have, so that a larger photo reaches
    /// the form and is refused beside its field with everything typed kept.
    static let uploadLimit = 16 * 1_048_576
    /// Largest ordinary form.
    static let formLimit = 1_048_576
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let existing = request.cookies[Self.cookieName].map(\.string).flatMap { $0.count == 43 ? $0 : nil }
        let token = existing ?? Self.newToken()
        request.storage[CSRFTokenKey.self] = token
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // Middleware runs before a route collects its body, and a body larger than one socket read arrives as a
            // stream: collect it here (uploads up to their limit, forms up to 1 MB) so the token can be read.
            if request.body.data == nil {
                let isUpload = request.headers.contentType?.type == "multipart"
                do {
                    _ = try await request.body.collect(max: isUpload ? Self.uploadLimit : Self.formLimit).get()
                } catch {
                    throw isUpload ? PageError.fileTooLarge : PageError.formTooLarge
                }
            }
            let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? request.headers.first(name: "X-CSRF-Token")
            guard let existing, let sent, Self.constantTimeEquals(sent, existing) else {
                throw PageError(
                    status: .forbidden, heading: "Phiên làm việc đã hết hạn",
                    message: "Biểu mẫu này đã cũ hoặc không được gửi từ hoso. Vui lòng tải lại trang và thử lại.")
            }
        }
        let response = try await next.respond(to: request)
        if existing == nil || request.storage[RotateCSRFKey.self] == true {
            let value = request.storage[RotateCSRFKey.self] == true ? Self.newToken() : token
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: value, path: "/", isSecure: request.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    static func newToken() -> String { SecureToken.generate() }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Set when the session changes (login, logout) so the CSRF token is replaced too.
struct RotateCSRFKey: StorageKey { typealias Value = Bool }
