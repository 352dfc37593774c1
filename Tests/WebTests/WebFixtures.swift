import Admissions
import Fluent
import Foundation
import Records
import SQLKit
import TestSupport
import Testing
import Vapor

@testable import Web

/// Starts the real application (the same `configure` as `hoso serve`) on a fresh database for one test.
func withHoso(_ body: (Application) async throws -> Void) async throws {
    try await withHoso(adjusting: { _ in }, body: body)
}

/// The same, with settings changed first (limits, trusted proxies…).
func withHoso(adjusting adjust: (inout AppConfig) -> Void, body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let schema = TestDatabase.isPostgres ? TestDatabase.uniqueSchema() : nil
    let storage: AppConfig.Storage = schema.map { .postgres(url: TestDatabase.postgresURL, schema: $0) } ?? .sqliteMemory
    do {
        var config = AppConfig.testing(storage: storage)
        adjust(&config)
        try await configure(app, config)
        try await body(app)
    } catch {
        if let schema { try? await (app.db as? any SQLDatabase)?.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        try await app.asyncShutdown()
        throw error
    }
    if let schema { try await (app.db as? any SQLDatabase)?.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
    try await app.asyncShutdown()
}

/// The demo school, with every role, seeded through the same code as `hoso demo`.
func seedDemo(_ app: Application) async throws {
    _ = try await DemoSchool(database: app.db, hasher: app.domain.hasher).seed()
}

/// The demo school and its open 2027‑2028 campaign.
func seedDemoCampaign(_ app: Application) async throws -> [DemoCampaign.Sample] {
    try await seedDemo(app)
    return try await DemoCampaign(database: app.db).seed()
}

func completeApplication(_ sample: DemoCampaign.Sample, family: String, middle: String, given: String, gender: String) -> [(String, String)]
{
    [
        ("childFamily", family), ("childMiddle", middle), ("childGiven", given), ("childBirthDate", sample.birthDate.display),
        ("childGender", gender), ("childEthnicity", "Kinh"), ("childPlaceOfBirth", "Hà Nội"), ("motherName", "Trần Thị Bích"),
        ("motherPhone", "0912345601"), ("residenceKind", "permanent"),
        ("residenceUnit", "00070|Tổ 1"), ("addressLine", "Số 5 phố Hàng Bài"), ("priorityCodes[]", "DT1"), ("consent", "true"),
        ("action", "submit"),
    ]
}

/// A parent who has opened the portal with `sample`'s code and uploaded the birth certificate, ready to submit.
func openWithCertificate(_ app: Application, _ sample: DemoCampaign.Sample) async throws -> TestBrowser {
    let parent = TestBrowser(app)
    let opened = try await parent.post(Site.portal(), [("code", sample.code.display), ("birthDate", sample.birthDate.display)])
    #expect(opened.status == .seeOther)
    _ = try await parent.upload(Site.portalDocuments(), [("kind", "KS")], file: ("file", "ks.pdf", SampleUploads.birthCertificatePDF))
    return parent
}

/// The family of `sample` (Nguyễn Thị Ánh's mother) after submitting a complete application through the portal.
func appliedFamily(_ app: Application, _ sample: DemoCampaign.Sample) async throws -> TestBrowser {
    let parent = try await openWithCertificate(app, sample)
    let submitted = try await parent.post(
        Site.portalApplication(), completeApplication(sample, family: "Nguyễn", middle: "Thị", given: "Ánh", gender: "female"))
    #expect(submitted.status == .seeOther)
    return parent
}
