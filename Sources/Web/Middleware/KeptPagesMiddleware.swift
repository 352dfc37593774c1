import Vapor

/// Answers the portal's landing page from its kept copy (``RenderedPageCache``) ahead of the overload guard, the
/// session and the setup guard: it costs no database and next to no CPU, so a crowd at the door is shown the page
/// rather than the busy page. Everything else, and the landing page when no fresh copy is kept, goes on as usual
/// (the copy exists only once the page was rendered through the whole stack).
struct KeptPagesMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.method == .GET, request.url.path == Site.portal(), RenderedPageCache.isShared(request) else {
            return next.respond(to: request)
        }
        let existing = CSRFMiddleware.adopt(request)
        guard let kept = request.application.landingPageCache.response(for: request) else { return next.respond(to: request) }
        return request.eventLoop.makeSucceededFuture(CSRFMiddleware.setCookie(on: kept, for: request, existing: existing))
    }
}
