import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A public page rendered at most once per `lifetime`, kept in memory cut at its CSRF token, and sent to each visitor
/// with their own token put back in: the portal's landing page on an opening morning costs no template and no query.
/// Only a page the same for every visitor is kept (no signed-in user, no flash, no prefilled field); a state-changing
/// request by staff drops it at once (a campaign edited here), another process's change shows within `lifetime`.
final class RenderedPageCache: Sendable {
    /// Stands for the token while the page is rendered; no template escapes or contains it.
    static let placeholder = "HOSO-CSRF-TOKEN-PLACEHOLDER"
    let lifetime: TimeInterval
    private struct Entry {
        let parts: [String]
        let status: HTTPStatus
        let expires: Date
    }
    private struct State {
        var entry: Entry?
        /// When a visitor was sent to render the page again; until then (or for a few seconds at most, should that
        /// render fail) everyone else gets the copy just expired rather than rendering it too.
        var refreshing: Date?
    }
    private let box = NIOLockedValueBox(State())
    /// How long one render may take before another visitor is sent to render too.
    static let refreshLimit: TimeInterval = 10

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    /// Whether `request` is one every visitor would see the same page for: nobody signed in (no session cookie, so
    /// this holds before the session is read), no flash to show, no prefilled field.
    static func isShared(_ request: Request) -> Bool {
        request.url.query == nil
            && request.cookies.all.keys.allSatisfy { $0 != SessionMiddleware.cookieName && !$0.hasPrefix("hoso_flash") }
    }

    /// The kept page with the visitor's token while it is fresh; nil when the visitor should render it. Once the copy
    /// is old, one visitor renders it again and the others are given the old copy meanwhile, so a crowd at the door
    /// does not render the same page a thousand times at once.
    func response(for request: Request, now: Date = Date()) -> Response? {
        guard lifetime > 0 else { return nil }
        let kept = box.withLockedValue { state -> Entry? in
            guard let entry = state.entry else { return nil }
            if now < entry.expires { return entry }
            if let since = state.refreshing, now.timeIntervalSince(since) < Self.refreshLimit { return entry }
            state.refreshing = now
            return nil
        }
        return kept.map { Self.response($0.parts, status: $0.status, for: request) }
    }

    /// Keeps `response`, rendered with ``placeholder`` as its token, until `now + lifetime` or `until`, whichever
    /// comes first (the moment the page would change by itself, such as a window opening), and returns it for this
    /// visitor.
    func store(_ response: Response, until: Date?, for request: Request, now: Date = Date()) -> Response {
        guard let body = response.body.string else { return response }
        let parts = body.components(separatedBy: Self.placeholder)
        let expires = min(now.addingTimeInterval(lifetime), until ?? .distantFuture)
        if lifetime > 0 {
            box.withLockedValue { $0 = State(entry: Entry(parts: parts, status: response.status, expires: expires)) }
        }
        return Self.response(parts, status: response.status, for: request)
    }

    func invalidate() { box.withLockedValue { $0 = State() } }

    private static func response(_ parts: [String], status: HTTPStatus, for request: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        // Written straight into the response's buffer: no joined copy of the page per visitor.
        let token = request.csrfToken
        var buffer = request.byteBufferAllocator.buffer(
            capacity: parts.reduce(0) { $0 + $1.utf8.count } + token.utf8.count * max(0, parts.count - 1))
        for (index, part) in parts.enumerated() {
            if index > 0 { buffer.writeString(token) }
            buffer.writeString(part)
        }
        return Response(status: status, headers: headers, body: .init(buffer: buffer))
    }
}

struct LandingPageCacheKey: StorageKey { typealias Value = RenderedPageCache }

extension Application {
    /// Set up by `configure` before the server starts.
    var landingPageCache: RenderedPageCache { storage[LandingPageCacheKey.self]! }
}
