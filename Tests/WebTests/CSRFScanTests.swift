import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The CSRF token is read from the form's bytes without decoding the whole form; what it reads must be what the
/// form decoder would read.
@Suite struct CSRFScanTests {
    static func request(_ app: Application, type: HTTPMediaType, body: String) -> Request {
        var headers = HTTPHeaders()
        headers.contentType = type
        return Request(
            application: app, method: .POST, url: URI(path: "/"), headers: headers,
            collectedBody: ByteBuffer(string: body), on: app.eventLoopGroup.next())
    }

    @Test func theTokenIsFoundInBothKindsOfFormWhereverItIs() async throws {
        let app = try await Application.make(.testing)
        defer { Task { try await app.asyncShutdown() } }
        let token = "AbC-_12"
        for body in ["_csrf=\(token)&name=Lan", "name=Lan&_csrf=\(token)", "x=_csrf%3Dno&_csrf=\(token)"] {
            let request = Self.request(app, type: .urlEncodedForm, body: body)
            #expect(CSRFMiddleware.scannedToken(request) == token, "\(body)")
            #expect(try request.content.get(String.self, at: "_csrf") == token, "\(body)")
        }
        #expect(CSRFMiddleware.scannedToken(Self.request(app, type: .urlEncodedForm, body: "name=Lan")) == nil)
        let percent = Self.request(app, type: .urlEncodedForm, body: "_csrf=a%2Bb+c")
        #expect(CSRFMiddleware.scannedToken(percent) == "a+b c")

        let boundary = "hoso-b"
        let multipart = [
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n",
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"childGiven\"\r\n\r\nÁnh\r\n--\(boundary)--\r\n",
        ].joined()
        let form = Self.request(
            app, type: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]), body: multipart)
        #expect(CSRFMiddleware.scannedToken(form) == token)
        #expect(try form.content.get(String.self, at: "_csrf") == token)
        #expect(CSRFMiddleware.scannedToken(Self.request(app, type: .json, body: #"{"_csrf":"x"}"#)) == nil)
    }
}
