import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 response, body collected.
struct Response {
    let status: Int
    let headers: HTTPHeaders
    let body: ByteBuffer

    var location: String? { headers.first(name: "location") }

    /// `name=value` pairs of every Set-Cookie header.
    var setCookies: [(String, String)] {
        headers[canonicalForm: "set-cookie"].compactMap { line in
            let pair = line.split(separator: ";", maxSplits: 1).first ?? Substring(line)
            guard let eq = pair.firstIndex(of: "=") else { return nil }
            return (String(pair[..<eq]).trimmingSpaces, String(pair[pair.index(after: eq)...]).trimmingSpaces)
        }
    }

    func bodyContains(_ needle: String) -> Bool {
        body.readableBytesView.firstRange(of: Array(needle.utf8)) != nil
    }

    var bodyString: String { String(buffer: body) }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

extension Collection where Element == UInt8 {
    func firstRange(of needle: [UInt8]) -> Range<Index>? {
        guard !needle.isEmpty, count >= needle.count else { return nil }
        var i = startIndex
        let first = needle[0]
        while i != endIndex {
            if self[i] == first {
                var j = i
                var k = 0
                while k < needle.count, j != endIndex, self[j] == needle[k] {
                    j = index(after: j)
                    k += 1
                }
                if k == needle.count { return i..<j }
            }
            i = index(after: i)
        }
        return nil
    }
}

enum RequestFailure: Error {
    case timeout
    case closed
    case failed(String)
}

/// Collects one response at a time; every access happens on the channel's event loop.
final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    private var pending: EventLoopPromise<Response>?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    private var timeout: Scheduled<Void>?

    func expect(_ promise: EventLoopPromise<Response>, within limit: TimeAmount, context channel: Channel) {
        pending = promise
        head = nil
        body = nil
        timeout = channel.eventLoop.scheduleTask(in: limit) { [weak self] in
            self?.fail(.timeout)
            channel.close(promise: nil)
        }
    }

    private func fail(_ failure: RequestFailure) {
        timeout?.cancel()
        timeout = nil
        if let promise = pending {
            pending = nil
            promise.fail(failure)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
        case .body(var chunk):
            if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
        case .end:
            timeout?.cancel()
            timeout = nil
            guard let promise = pending, let h = head else { return }
            pending = nil
            promise.succeed(Response(status: Int(h.status.code), headers: h.headers, body: body ?? ByteBuffer()))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(.failed(String(describing: error)))
        context.close(promise: nil)
    }
}

/// A keep‑alive HTTP/1.1 connection; one request at a time.
final class HTTPConnection: @unchecked Sendable {
    let channel: Channel
    let collector: ResponseCollector
    let hostHeader: String
    let timeout: TimeAmount

    private init(channel: Channel, collector: ResponseCollector, hostHeader: String, timeout: TimeAmount) {
        self.channel = channel
        self.collector = collector
        self.hostHeader = hostHeader
        self.timeout = timeout
    }

    static func connect(on loop: EventLoop, host: String, port: Int, localAddress: String?, timeout: TimeAmount) async throws
        -> HTTPConnection
    {
        let collector = ResponseCollector()
        var bootstrap = ClientBootstrap(group: loop)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.pipeline.addHTTPClientHandlers().flatMap { channel.pipeline.addHandler(collector) }
            }
        if let localAddress {
            bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: localAddress, port: 0))
        }
        let channel = try await bootstrap.connect(host: host, port: port).get()
        return HTTPConnection(channel: channel, collector: collector, hostHeader: "\(host):\(port)", timeout: timeout)
    }

    var isActive: Bool { channel.isActive }

    func close() { channel.close(promise: nil) }

    func send(_ method: HTTPMethod, _ path: String, cookies: String, form: String? = nil) async throws -> Response {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: hostHeader)
        headers.add(name: "User-Agent", value: "hoso-bench")
        headers.add(name: "Accept", value: "text/html")
        if !cookies.isEmpty { headers.add(name: "Cookie", value: cookies) }
        var buffer: ByteBuffer?
        if let form {
            headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            headers.add(name: "Content-Length", value: String(form.utf8.count))
            buffer = channel.allocator.buffer(string: form)
        }
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        let promise = channel.eventLoop.makePromise(of: Response.self)
        let channel = self.channel
        let collector = self.collector
        let timeout = self.timeout
        channel.eventLoop.execute {
            guard channel.isActive else {
                promise.fail(RequestFailure.closed)
                return
            }
            collector.expect(promise, within: timeout, context: channel)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let buffer { channel.write(HTTPClientRequestPart.body(.byteBuffer(buffer)), promise: nil) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }
        return try await promise.futureResult.get()
    }
}
