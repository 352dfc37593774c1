import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL
import Records

/// What both paid channels share: one HTTPS POST of a JSON body per message, the gateway's answer read, the
/// message's cost as the school's contract prices it. Only a short text with a link goes out (one SMS part).
struct GatewayPost: Sendable {
    let client: HTTPClient

    /// A client for the gateways, trusting the system's CAs and `caFile` (a PEM file) when given.
    static func client(caFile: String?) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let caFile { tls.additionalTrustRoots = [.file(caFile)] }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(20))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Posts `body` to `url` with `headers` and returns the decoded JSON answer; a non-2xx status or an unreadable
    /// answer is worth another try, not a refusal of the message.
    func post(_ url: String, json body: [String: Any], headers: [(String, String)] = [], gateway: String) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])))
        let response = try await client.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryFailure("\(gateway): HTTP \(response.status.code)", permanent: false)
        }
        guard let answer = try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any] else {
            throw DeliveryFailure("\(gateway): unreadable answer", permanent: false)
        }
        return answer
    }

    /// "0912345678" → "84912345678", as the gateways want numbers.
    static func international(_ phone: String) -> String {
        let digits = phone.filter(\.isNumber)
        return digits.hasPrefix("0") ? "84" + digits.dropFirst() : digits
    }
}

/// SMS through a brandname gateway (the eSMS-style JSON API most Vietnamese gateways offer): `HOSO_SMS_URL`,
/// `HOSO_SMS_API_KEY`, `HOSO_SMS_SECRET_KEY`, `HOSO_SMS_BRANDNAME`, `HOSO_SMS_COST` (đồng per message). Kept
/// silent in quiet hours unless urgent.
struct SMSChannel: NotificationChannel {
    struct Settings: Sendable, Equatable {
        var url: String
        var apiKey: String
        var secretKey: String
        var brandname: String
        var cost: Int
    }

    let settings: Settings
    let post: GatewayPost

    var name: String { "sms" }
    var keepsQuietHours: Bool { true }

    /// Answers that blame the account (credentials, balance, brandname), not the message: tried again later.
    static let accountProblems: Set<String> = ["101", "102", "103", "104"]

    func deliver(_ notification: OutboxMessage) async throws -> Int {
        let answer = try await post.post(
            settings.url,
            json: [
                "ApiKey": settings.apiKey, "SecretKey": settings.secretKey, "Brandname": settings.brandname, "SmsType": "2",
                "Phone": notification.recipient.filter(\.isNumber), "Content": notification.body, "IsUnicode": "0",
                "RequestId": notification.id.uuidString,
            ], gateway: "SMS")
        let code = "\(answer["CodeResult"] ?? "")"
        guard code == "100" else {
            let reason = answer["ErrorMessage"].map { "\($0)" } ?? "code \(code)"
            throw DeliveryFailure("SMS: \(reason) (\(code))", permanent: !Self.accountProblems.contains(code))
        }
        return settings.cost
    }
}

/// Zalo Notification Service: a template message to the phone number's Zalo account, `HOSO_ZALO_URL` (Zalo's
/// template endpoint by default), `HOSO_ZALO_ACCESS_TOKEN`, `HOSO_ZALO_TEMPLATE_ID` (a template with one parameter,
/// `HOSO_ZALO_PARAM`, default `noi_dung`, that receives the short text), `HOSO_ZALO_COST`.
struct ZaloChannel: NotificationChannel {
    struct Settings: Sendable, Equatable {
        var url: String
        var accessToken: String
        var templateID: String
        var parameter: String
        var cost: Int
    }

    let settings: Settings
    let post: GatewayPost

    var name: String { "zalo" }
    var keepsQuietHours: Bool { true }

    /// Errors of the access token or the app (expired, revoked, over quota): tried again later.
    static let accountProblems: Set<Int> = [-124, -216, -1, -32]

    func deliver(_ notification: OutboxMessage) async throws -> Int {
        let answer = try await post.post(
            settings.url,
            json: [
                "phone": GatewayPost.international(notification.recipient), "template_id": settings.templateID,
                "template_data": [settings.parameter: notification.body], "tracking_id": notification.id.uuidString,
            ], headers: [("access_token", settings.accessToken)], gateway: "Zalo")
        let code = (answer["error"] as? Int) ?? Int("\(answer["error"] ?? "")") ?? -1
        guard code == 0 else {
            let reason = answer["message"].map { "\($0)" } ?? "error \(code)"
            throw DeliveryFailure("Zalo: \(reason) (\(code))", permanent: !Self.accountProblems.contains(code))
        }
        return settings.cost
    }
}
