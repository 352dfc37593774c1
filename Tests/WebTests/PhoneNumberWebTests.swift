import Admissions
import Fluent
import Foundation
import Records
import SQLKit
import TestSupport
import Testing
import Vapor

@testable import Web

/// Mobile numbers on the portal: a number with a digit missing is refused next to the field, naming whose it is;
/// the refused form is kept only as the draft; one written with +84 is kept as 0…, so later SMS and the parent account's check use the same number.
@Suite struct PhoneNumberWebTests {
    @Test func aShortNumberIsRefusedAndAPlusEightyFourNumberIsKeptInOneForm() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let anh = samples[0]
            let parent = try await openWithCertificate(app, anh)
            var fields = completeApplication(anh, family: "Nguyễn", middle: "Thị", given: "Ánh", gender: "female")
            fields.removeAll { $0.0 == "motherPhone" }

            let short = try await parent.post(Site.portalApplication(), fields + [("motherPhone", "091234567")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.contains("Số điện thoại di động của mẹ gồm 10 chữ số"))
            #expect(short.body.contains("value=\"091234567\""), "what was typed is shown again")
            let refused = try await app.domain.applications.load(try await parent.portalAccess(app)).application
            #expect(refused?.status == .draft, "the refused form is kept as the draft, not submitted")

            let international = try await parent.post(Site.portalApplication(), fields + [("motherPhone", "+84 98 765 4321")])
            #expect(international.status == .seeOther)
            let stored = try await app.domain.applications.load(try await parent.portalAccess(app))
            #expect(stored.application?.form.mother.phone == "0987654321")
        }
    }
}

extension TestBrowser {
    /// The portal access this browser's cookie holds.
    func portalAccess(_ app: Application) async throws -> PortalAccess {
        let token = try #require(cookies[PortalController.cookieName])
        return try #require(try await app.domain.portal.resolve(token: token))
    }
}
