import Admissions
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Every public form field gets random and hostile input; the answer is never a server error, and markup comes back
/// escaped.
@Suite struct HostileInputTests {
    static let hostile: [String] = [
        String(repeating: "Ư", count: 20_000), "\u{0}\u{1}\u{7}\u{1B}[31m", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE accounts; --", "Nguye\u{0302}\u{0303}n", "%00%ff%fe", "../../etc/passwd", "𝕳𝖔𝖘𝖔 🇻🇳", "=HYPERLINK(\"http://x\")",
        "\u{202E}gnp.exe", "", " ", "99999999999999999999999999", "-1", "31/02/2021", "01/01/0000",
    ]

    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static func randomText(_ generator: inout SeededGenerator) -> String {
        let scalars = (0..<Int.random(in: 0...60, using: &generator)).compactMap { _ in
            Unicode.Scalar(UInt32.random(in: 0...0x2FFFF, using: &generator))
        }
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func publicFormsNeverAnswerWithAServerError() async throws {
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            var generator = SeededGenerator(state: 5)
            let applicationFields = [
                "childFamily", "childMiddle", "childGiven", "childBirthDate", "childGender", "childEthnicity", "childPersonalID",
                "childPlaceOfBirth", "childHometown", "correctionReason",
                "fatherName", "fatherPhone", "fatherEmail", "fatherID", "motherName", "motherPhone", "motherEmail",
                "motherID", "guardianName", "guardianPhone", "guardianRelation", "residenceKind", "residenceUnit",
                "addressLine", "priorityCodes[]", "consent", "action",
            ]
            let parent = TestBrowser(app)
            _ = try await parent.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            var values = Self.hostile
            for _ in 0..<40 { values.append(Self.randomText(&generator)) }
            for (index, value) in values.enumerated() {
                let visitor = TestBrowser(app)
                let open = try await visitor.post("/tuyen-sinh", [("code", value), ("birthDate", value)])
                #expect(open.status.code < 500, "portal door: \(open.status) for input \(index)")
                let login = try await visitor.post("/login", [("username", value), ("password", value)])
                #expect(login.status.code < 500, "login: \(login.status) for input \(index)")
                let fields = applicationFields.map { ($0, $0 == "action" && index % 2 == 0 ? "submit" : value) }
                let application = try await parent.post("/tuyen-sinh/ho-so", fields)
                #expect(application.status.code < 500, "application: \(application.status) for input \(index)")
                if value.contains("<script>") { #expect(!application.body.contains("<script>alert(1)</script>")) }
                let question = try await parent.post("/tuyen-sinh/hoi", [("body", value)])
                #expect(question.status.code < 500, "question: \(question.status) for input \(index)")
            }
            let receipt = try await parent.get("/tuyen-sinh/ho-so?sua=1")
            #expect(receipt.status == .ok)
            guard case .intact = try await AuditLog(database: app.db).verify() else {
                Issue.record("hostile input broke the audit chain")
                return
            }
        }
    }

    @Test func setupParentAccountAndConfirmationFormsNeverAnswerWithAServerError() async throws {
        var generator = SeededGenerator(state: 11)
        var values = Self.hostile
        for _ in 0..<20 { values.append(Self.randomText(&generator)) }
        let inputs = values
        try await withHoso { app in
            // Before setup: the first-run form is public.
            for (index, value) in inputs.enumerated() {
                let visitor = TestBrowser(app)
                let page = try await visitor.post(
                    "/setup",
                    [
                        "schoolName", "family", "middle", "given", "username", "password",
                        "passwordConfirmation",
                    ].map { ($0, value) })
                #expect(page.status.code < 500, "setup: \(page.status) for input \(index)")
                #expect(!page.body.contains("<script>alert(1)</script>"))
            }
        }
        try await withHoso { app in
            let samples = try await seedDemoCampaign(app)
            let parent = TestBrowser(app)
            _ = try await parent.post("/tuyen-sinh", [("code", samples[0].code.display), ("birthDate", samples[0].birthDate.display)])
            for (index, value) in inputs.enumerated() {
                let visitor = TestBrowser(app)
                let activation = try await visitor.post(
                    "/phu-huynh/kich-hoat",
                    [
                        "code", "contact", "username", "password",
                        "passwordConfirmation",
                    ].map { ($0, value) })
                #expect(activation.status.code < 500, "activation: \(activation.status) for input \(index)")
                #expect(!activation.body.contains("<script>alert(1)</script>"))
                let confirmation = try await parent.post("/tuyen-sinh/xac-nhan", [("accept", value)])
                #expect(confirmation.status.code < 500, "confirmation: \(confirmation.status) for input \(index)")
            }
            guard case .intact = try await AuditLog(database: app.db).verify() else {
                Issue.record("hostile input broke the audit chain")
                return
            }
        }
    }

    @Test func malformedBodiesAreRefusedCleanly() async throws {
        try await withHoso { app in
            try await seedDemo(app)
            let browser = TestBrowser(app)
            try await browser.login("hieutruong", DemoSchool.password)
            for path in ["/school/classes/new", "/admin/accounts/new", "/school/profile", "/tuyen-sinh"] {
                let page = try await browser.post(
                    path, [("grade", "\u{0}"), ("capacity", "1e999"), ("roles[]", "superuser"), ("name[x]", "y")])
                #expect(page.status.code < 500, "\(path): \(page.status)")
            }
        }
    }
}
