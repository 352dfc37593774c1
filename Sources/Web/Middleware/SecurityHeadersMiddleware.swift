import Fluent
import Vapor

/// Headers every response carries: a strict Content‑Security‑Policy (no inline scripts or styles), no framing,
/// no MIME sniffing, no referrer to other sites, and no caching of pages that show personal data. Images may come
/// from `blob:` URLs so that the browser can read a chosen photo to shrink it before upload.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
        "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if request.application.config.secureCookies {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        if !request.isStaticAsset && !response.headers.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        } else if request.isStaticAsset && response.status == .ok {
            // A fingerprinted link names one version of the file for good; a bare one is checked again each time.
            let pinned = request.url.query?.contains("\(Assets.versionItem)=") ?? false
            response.headers.replaceOrAdd(name: .cacheControl, value: pinned ? "public, max-age=31536000, immutable" : "no-cache")
        }
        FlashClearing.clear(request, response)
        return response
    }
}
