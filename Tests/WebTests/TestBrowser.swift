import Fluent
import Foundation
import NIOCore
import Records
import SQLKit
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// A response as a test reads it.
struct Page {
    let status: HTTPStatus
    let headers: HTTPHeaders
    let body: String
    let bytes: [UInt8]

    var location: String? { headers.first(name: .location) }
}

/// A minimal browser: keeps cookies between requests and fills in the CSRF token, as a real form would.
final class TestBrowser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var setCookieHeaders: [String] = []

    /// Headers sent with every request, e.g. `X-Forwarded-For`.
    var extraHeaders = HTTPHeaders()

    init(_ app: Application) { self.app = app }

    /// Posts an already encoded form body as is (for bytes no form would send, such as invalid UTF‑8), with the
    /// CSRF token appended.
    @discardableResult
    func postRaw(_ path: String, _ encodedBody: String) async throws -> Page {
        if cookies["hoso_csrf"] == nil { try await get("/login") }
        return try await send(.POST, path, body: encodedBody + "&_csrf=" + Self.encode(csrf))
    }

    var csrf: String { cookies["hoso_csrf"] ?? "" }

    /// Carries a cookie taken from another browser, as someone who copied it would.
    func addCookie(_ name: String, _ value: String) { cookies[name] = value }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.GET, path, body: nil)
    }

    /// Posts a form; `_csrf` is added from the cookie unless `csrf` is given (pass "" to leave it out).
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> Page {
        if cookies["hoso_csrf"] == nil && csrf == nil { try await get("/login") }
        var all = fields
        let token = csrf ?? self.csrf
        if !token.isEmpty { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    /// Posts a multipart form with one file, as a browser uploads it.
    @discardableResult
    func upload(_ path: String, _ fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8])) async throws -> Page {
        if cookies["hoso_csrf"] == nil { try await get("/login") }
        let boundary = "hoso-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields + [("_csrf", csrf)] {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n")
        body.writeString("Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(
            .POST, path, buffer: body,
            contentType: HTTPMediaType(
                type: "multipart", subType: "form-data",
                parameters: ["boundary": boundary]))
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> Page {
        try await send(method, path, buffer: body.map { ByteBuffer(string: $0) }, contentType: body == nil ? nil : .urlEncodedForm)
    }

    private func send(_ method: HTTPMethod, _ path: String, buffer: ByteBuffer?, contentType: HTTPMediaType?) async throws -> Page {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let contentType { headers.contentType = contentType }
        headers.add(contentsOf: extraHeaders)
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        for header in response.headers[.setCookie] {
            setCookieHeaders.append(header)
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty || header.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        return Page(
            status: response.status, headers: response.headers, body: response.body.string,
            bytes: Array(response.body.readableBytesView))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Logs in and expects to land on the home page.
    func login(_ username: String, _ password: String) async throws {
        let page = try await post("/login", [("username", username), ("password", password)])
        #expect(page.status == .seeOther, "login of \(username) answered \(page.status)")
        #expect(page.location == "/")
    }
}
