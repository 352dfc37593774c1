import Fluent
import Foundation
import Records
import Vapor

/// Double‑submit CSRF protection: a visitor shown a form gets a random token in an HttpOnly, SameSite cookie; every
/// form carries it in `_csrf`; a state‑changing request whose field does not match the cookie is refused with 403.
/// The token is drawn only when a page asks for it (``Request/csrfToken``), so `/healthz`, files and pages without
/// forms cost no random draw and set no cookie.
struct CSRFMiddleware: Middleware {
    static let cookieName = "hoso_csrf"
    /// Largest multipart body: the application form's, above the 5 MB a file may have, so that a larger photo reaches
    /// the form and is refused beside its field with everything typed kept.
    static let uploadLimit = 16 * 1_048_576
    /// Largest ordinary form.
    static let formLimit = 1_048_576
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let existing = Self.adopt(request)
        if [.GET, .HEAD, .OPTIONS].contains(request.method) {
            return next.respond(to: request).map { Self.setCookie(on: $0, for: request, existing: existing) }
        }
        return Self.collectBody(of: request).flatMapThrowing {
            let sent =
                Self.scannedToken(request) ?? (try? request.content.get(String.self, at: Self.fieldName))
                ?? request.headers.first(name: "X-CSRF-Token")
            guard let existing, let sent, Self.constantTimeEquals(sent, existing) else {
                throw PageError(
                    status: .forbidden, heading: "Phiên làm việc đã hết hạn",
                    message: "Biểu mẫu này đã cũ hoặc không được gửi từ hoso. Vui lòng tải lại trang và thử lại.")
            }
        }.flatMap {
            next.respond(to: request)
        }.map { Self.setCookie(on: $0, for: request, existing: existing) }
    }

    /// The visitor's token from their cookie, made this request's token; nil when they hold none.
    static func adopt(_ request: Request) -> String? {
        let existing = request.cookies[cookieName].map(\.string).flatMap { $0.count == 43 ? $0 : nil }
        if let existing { request.storage[CSRFTokenKey.self] = existing }
        return existing
    }

    /// The `_csrf` field read straight from the body's bytes, without decoding the whole form (which the route does
    /// anyway): every form of hoso writes it first, so it is found in the first bytes. `nil` when it is not there in
    /// the form expected, and the form decoder then looks for it.
    static func scannedToken(_ request: Request) -> String? {
        guard let body = request.body.data else { return nil }
        let head = Array(body.readableBytesView.prefix(65_536))
        if request.headers.contentType == .urlEncodedForm {
            let key = Array("\(fieldName)=".utf8)
            guard let pair = head.split(separator: UInt8(ascii: "&")).first(where: { $0.starts(with: key) }) else { return nil }
            return String(decoding: pair.dropFirst(key.count), as: UTF8.self).replacingOccurrences(of: "+", with: " ")
                .removingPercentEncoding
        }
        guard request.headers.contentType?.type == "multipart",
            let name = head.firstRange(of: Array("name=\"\(fieldName)\"".utf8)),
            let start = head[name.upperBound...].firstRange(of: Array("\r\n\r\n".utf8))?.upperBound,
            let end = head[start...].firstRange(of: Array("\r\n".utf8))?.lowerBound
        else { return nil }
        return String(decoding: head[start..<end], as: UTF8.self)
    }

    /// Middleware runs before a route collects its body, and a body larger than one socket read arrives as a stream:
    /// collect it here (uploads up to their limit, forms up to 1 MB) so the token can be read.
    private static func collectBody(of request: Request) -> EventLoopFuture<Void> {
        guard request.body.data == nil else { return request.eventLoop.makeSucceededVoidFuture() }
        let isUpload = request.headers.contentType?.type == "multipart"
        return request.body.collect(max: isUpload ? uploadLimit : formLimit).flatMapErrorThrowing { _ in
            throw isUpload ? PageError.fileTooLarge : PageError.formTooLarge
        }.map { _ in () }
    }

    /// Sets the cookie when this response handed out a token the visitor does not hold yet, or a new one after login.
    static func setCookie(on response: Response, for request: Request, existing: String?) -> Response {
        let value: String?
        if request.storage[RotateCSRFKey.self] == true {
            value = newToken()
        } else if existing == nil, request.storage[CSRFDrawnKey.self] == true {
            value = request.storage[CSRFTokenKey.self]
        } else {
            value = nil
        }
        if let value {
            response.cookies[cookieName] = HTTPCookies.Value(
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

/// Set when this request drew a token for a visitor who had none.
struct CSRFDrawnKey: StorageKey { typealias Value = Bool }
