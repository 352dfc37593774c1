import NIOConcurrencyHelpers
import Vapor

/// Past capacity, answers at once with a Vietnamese "busy, try again in N seconds" page (503 + `Retry-After`)
/// instead of letting requests queue until they time out. A refused request has done nothing: it is turned away
/// before the session, the database or the handler see it, so a refused submission is clearly not stored and the
/// parent is told to send it again.
final class OverloadMiddleware: Middleware, Sendable {
    let limit: Int
    let retryAfter: Int
    private let inFlight = NIOLockedValueBox(0)

    /// At most `limit` requests are handled at the same time; the rest are told to come back in `retryAfter` seconds.
    init(limit: Int, retryAfter: Int = 5) {
        self.limit = limit
        self.retryAfter = retryAfter
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if request.isStaticAsset { return next.respond(to: request) }
        let admitted = inFlight.withLockedValue { count -> Bool in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else { return request.eventLoop.makeSucceededFuture(Self.busy(request, retryAfter: retryAfter)) }
        return next.respond(to: request).always { [inFlight] _ in inFlight.withLockedValue { $0 -= 1 } }
    }

    /// The busy page: plain HTML built without templates or the database, so it costs next to nothing.
    static func busy(_ request: Request, retryAfter: Int) -> Response {
        let lost =
            request.method == .GET || request.method == .HEAD
            ? ""
            : "<p><strong>Thông tin anh/chị vừa gửi CHƯA được lưu.</strong> Vui lòng quay lại trang trước và gửi lại sau \(retryAfter) giây.</p>"
        let html = """
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Hệ thống đang bận</title><link rel="stylesheet" href="\(Assets.stylesheet)"></head>
            <body><main class="container" id="main"><h1>Hệ thống đang bận</h1>
            <p>Có rất nhiều người đang truy cập cùng lúc. Vui lòng thử lại sau \(retryAfter) giây.</p>\(lost)</main></body></html>
            """
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: "Retry-After", value: String(retryAfter))
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .serviceUnavailable, headers: headers, body: .init(string: html))
    }
}
