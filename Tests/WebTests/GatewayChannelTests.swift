import AsyncHTTPClient
import Foundation
import TestSupport
import Testing

@testable import Records
@testable import Web

/// The SMS and Zalo adapters against an HTTPS endpoint on loopback that records each request: the JSON each
/// gateway expects, the short text only, the cost returned; a refused number final, a busy gateway tried again, and
/// a certificate no trusted CA signed refused.
@Suite struct GatewayChannelTests {
    static func message(_ phone: String) -> OutboxMessage {
        OutboxMessage(
            id: UUID(), code: "", channel: "sms", recipient: phone, subject: "Họp phụ huynh",
            body: ContactNotices.short(
                "Thông báo: Họp phụ huynh lớp 2B tối thứ Sáu", link: "https://truong.example.vn/phu-huynh/thong-bao/1"),
            createdAt: Date(), sentAt: nil)
    }

    static func requests(_ server: LoopbackServer) throws -> [[String: Any]] {
        try server.received().map { request in
            var decoded = request
            decoded["json"] = try JSONSerialization.jsonObject(with: Data((request["body"] as? String ?? "{}").utf8))
            return decoded
        }
    }

    @Test func anSMSGoesToTheBrandnameGatewayAndIsPriced() async throws {
        let server = try LoopbackServer("https_recorder.py")
        defer { server.stop() }
        let client = GatewayPost.client(caFile: server.caFile)
        let sms = SMSChannel(
            settings: .init(
                url: "https://127.0.0.1:\(server.port)/sms", apiKey: "key", secretKey: "secret", brandname: "THTRUNGVUONG", cost: 800),
            post: GatewayPost(client: client))
        #expect(sms.keepsQuietHours)
        #expect(try await sms.deliver(Self.message("0912345601")) == 800)
        let refused = await #expect(throws: DeliveryFailure.self) { try await sms.deliver(Self.message("0900000000")) }
        #expect(refused?.permanent == true && refused?.description.contains("Phone invalid") == true)
        let busy = await #expect(throws: DeliveryFailure.self) { try await sms.deliver(Self.message("0911111111")) }
        #expect(busy?.permanent == false && busy?.description.contains("503") == true)
        try await client.shutdown()

        let requests = try Self.requests(server)
        #expect(requests.count == 3)
        let first = try #require(requests.first?["json"] as? [String: Any])
        #expect(requests.first?["path"] as? String == "/sms")
        #expect(first["Phone"] as? String == "0912345601" && first["Brandname"] as? String == "THTRUNGVUONG")
        #expect(first["ApiKey"] as? String == "key" && first["SecretKey"] as? String == "secret")
        let content = try #require(first["Content"] as? String)
        #expect(content == "Thong bao: Hop phu huynh lop 2B toi thu Sau https://truong.example.vn/phu-huynh/thong-bao/1", "\(content)")
        #expect(content.count <= 160 && content.unicodeScalars.allSatisfy(\.isASCII), "one unaccented part")
    }

    @Test func aZaloTemplateMessageCarriesTheShortTextAndTheToken() async throws {
        let server = try LoopbackServer("https_recorder.py")
        defer { server.stop() }
        let client = GatewayPost.client(caFile: server.caFile)
        let zalo = ZaloChannel(
            settings: .init(
                url: "https://127.0.0.1:\(server.port)/zalo", accessToken: "token-1", templateID: "290123", parameter: "noi_dung", cost: 300
            ),
            post: GatewayPost(client: client))
        #expect(try await zalo.deliver(Self.message("0912345601")) == 300)
        let refused = await #expect(throws: DeliveryFailure.self) { try await zalo.deliver(Self.message("0900000000")) }
        #expect(refused?.permanent == true)
        try await client.shutdown()
        let requests = try Self.requests(server)
        let first = try #require(requests.first)
        let headers = try #require(first["headers"] as? [String: String])
        #expect(headers.first { $0.key.lowercased() == "access_token" }?.value == "token-1")
        let json = try #require(first["json"] as? [String: Any])
        #expect(json["phone"] as? String == "84912345601" && json["template_id"] as? String == "290123")
        #expect((json["template_data"] as? [String: String])?["noi_dung"] == Self.message("0912345601").body)
    }

    @Test func aGatewayWhoseCertificateIsNotTrustedIsRefused() async throws {
        let server = try LoopbackServer("https_recorder.py")
        defer { server.stop() }
        let client = GatewayPost.client(caFile: server.otherCAFile)
        let sms = SMSChannel(
            settings: .init(url: "https://127.0.0.1:\(server.port)/sms", apiKey: "k", secretKey: "s", brandname: "B", cost: 800),
            post: GatewayPost(client: client))
        await #expect(throws: (any Error).self) { try await sms.deliver(Self.message("0912345601")) }
        try await client.shutdown()
        #expect(try server.received().isEmpty)
    }
}
