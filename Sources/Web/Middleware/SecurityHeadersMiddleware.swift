import Fluent
import Vapor

/// Headers every response carries: a strict Content‑Security‑Policy (no inline scripts or styles), no framing,
/// no MIME sniffing, no referrer to other sites, and no caching of pages that show personal data. Images may come
/// from `blob:` URLs so that the browser can read a chosen photo to shrink it before upload.
///
/// This and the other middleware of the stack are written on futures, not `async`: an `AsyncMiddleware` moves every
/// request from the event loop into a task and back, and six of them cost a third of `/healthz`'s CPU in futex and
/// eventfd wake-ups (docs/PERFORMANCE.md). Only the steps that need the database leave the event loop.
struct SecurityHeadersMiddleware: Middleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
        "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'",
    ].joined(separator: "; ")
    static let headers = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            Self.apply(to: response, for: request)
            return response
        }
    }

    static func apply(to response: Response, for request: Request) {
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
    }
}
