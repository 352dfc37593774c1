import Crypto
import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

@testable import Admissions

/// The portal's cookie is sealed with the server's key instead of naming a session row: opening a code writes
/// nothing, and the cookie opens the code only as long as the server would have kept the session — not once changed,
/// made with another key, expired, closed with “Thoát”, or after the code was revoked or reissued.
@Suite struct PortalCookieTests {
    static func rows(_ table: String, on db: any Database) async throws -> Int {
        struct Count: Decodable { let count: Int }
        return try await db.sql().select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from(table)
            .first(decoding: Count.self)?.count ?? -1
    }

    @Test func openingACodeWritesNothingAndTheCookieOpensItOnAnyNode() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            var portal = PortalService(database: db, clock: p.fixture.clock.function)
            portal.board = AttemptBoard()
            let failures = try await Self.rows("login_failures", on: db)
            let (token, access) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "2.2.2.2")
            #expect(try await Self.rows("login_failures", on: db) == failures)
            #expect(try await Self.rows("portal_sign_outs", on: db) == 0)
            #expect(!token.contains(p.code.symbols), "the code is not readable in the cookie")
            // Another node has its own memory but the same database, so the same key.
            let otherNode = PortalService(database: db, clock: p.fixture.clock.function)
            #expect(try await otherNode.resolve(token: token) == access)
            #expect(access == p.access)
        }
    }

    @Test func aChangedCutForeignOrExpiredCookieOpensNothing() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let portal = PortalService(database: db, clock: p.fixture.clock.function)
            let (token, _) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "2.2.2.2")
            var bytes = try #require(SecureToken.bytes(base64URL: token))
            for index in [0, 13, bytes.count - 1] {
                var changed = bytes
                changed[index] ^= 0x01
                #expect(try await portal.resolve(token: SecureToken.base64URL(changed)) == nil, "byte \(index) changed")
            }
            bytes.removeLast()
            #expect(try await portal.resolve(token: SecureToken.base64URL(bytes)) == nil, "cut")
            #expect(try await portal.resolve(token: "") == nil)
            #expect(try await portal.resolve(token: String(repeating: "A", count: 5_000)) == nil)
            // The same code sealed with a key this server never made.
            let foreign = try PortalCookie(code: p.code, openedAt: Int64(p.fixture.clock.now.timeIntervalSince1970 * 1000))
                .sealed(with: SymmetricKey(size: .bits256))
            #expect(try await portal.resolve(token: foreign) == nil)
            p.fixture.clock.advance(portal.sessionLifetime - 60)
            #expect(try await portal.resolve(token: token) != nil)
            p.fixture.clock.advance(120)
            #expect(try await portal.resolve(token: token) == nil, "expired")
        }
    }

    @Test func closingOneCookieLeavesTheFamilysOtherPhoneOpen() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let portal = PortalService(database: db, clock: p.fixture.clock.function)
            let (shared, _) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "2.2.2.2")
            let (phone, _) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "3.3.3.3")
            #expect(shared != phone)
            try await portal.close(token: shared)
            try await portal.close(token: shared)
            try await portal.close(token: "not a cookie")
            #expect(try await Self.rows("portal_sign_outs", on: db) == 1)
            #expect(try await portal.resolve(token: shared) == nil)
            #expect(try await PortalService(database: db, clock: p.fixture.clock.function).resolve(token: shared) == nil)
            #expect(try await portal.resolve(token: phone) == p.access)
        }
    }

    @Test func aReissuedCodesOldCookieStopsWorking() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let portal = PortalService(database: db, clock: p.fixture.clock.function)
            let (token, _) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "2.2.2.2")
            _ = try await CodeService(database: db, clock: p.fixture.clock.function)
                .reissue(p.code, reason: "Phiếu rơi vào tay người khác", by: p.fixture.principalCaller())
            #expect(try await portal.resolve(token: token) == nil)
        }
    }

    @Test func aVisitReadsWhatResolvingAndLoadingRead() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let portal = PortalService(database: db, clock: p.fixture.clock.function)
            let campaigns = CampaignCache(maxAge: 0)
            let (token, access) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "2.2.2.2")
            let before = try #require(try await portal.visit(token: token, campaigns: campaigns))
            #expect(before.access == access)
            #expect(before.portalCase.application == nil)
            #expect(before.portalCase.child == p.child)
            let submitted = try await p.applications.submit(p.completeForm, for: access, by: p.parent)
            let after = try #require(try await portal.visit(token: token, campaigns: campaigns))
            #expect(after.portalCase.application == submitted)
            #expect(after.portalCase.application == (try await p.applications.load(access)).application)
            #expect(after.portalCase.campaign == p.campaign)
            let (other, _) = try await portal.open(code: p.code.display, birthDate: "05/03/2021", address: "3.3.3.3")
            try await portal.close(token: token)
            #expect(try await portal.visit(token: token, campaigns: campaigns) == nil)
            #expect(try await portal.visit(token: other, campaigns: campaigns) != nil)
            _ = try await CodeService(database: db, clock: p.fixture.clock.function)
                .reissue(p.code, reason: "Mất phiếu", by: p.fixture.principalCaller())
            #expect(try await portal.visit(token: other, campaigns: campaigns) == nil)
        }
    }

    @Test func everyNodeSharingTheKeyFileDerivesTheSameKey() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-keys-\(UUID().uuidString)/hoso.key")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let nodes = (0..<4).map { _ in DerivedKeys(vault: KeyVault(file: file)) }
        let keys = try nodes.map { try $0.key(PortalCookie.keyName).withUnsafeBytes { Array($0) } }
        #expect(Set(keys).count == 1)
        #expect(keys.first?.count == 32)
        let other = try nodes[0].key("another purpose").withUnsafeBytes { Array($0) }
        #expect(other != keys.first, "each purpose has its own key")
        let vaultKey = try Data(contentsOf: file)
        #expect(Array(vaultKey) != keys.first, "the key file's own key is not the cookies' key")
    }
}
