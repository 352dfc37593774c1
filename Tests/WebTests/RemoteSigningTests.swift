import Documents
import Fluent
import Foundation
import Records
import TestSupport
import Testing
import Vapor

@testable import Web

/// A remote signing service (SmartCA-style: the key never leaves the provider, its holder approves on a phone) behind
/// ``DocumentSigner``: the homeroom teacher's class is signed in one batch — one approval for every học bạ — and each
/// signature verifies as if the key were here.
@Suite struct RemoteSigningTests {
    /// A stand-in for a provider: holds the key, counts the approvals it was asked for.
    actor Provider: DocumentSigner {
        let key: SigningIdentity
        var approvals: [(purpose: String, count: Int)] = []

        init(key: SigningIdentity) { self.key = key }

        func certificates() async throws -> [[UInt8]] { try await key.certificates() }

        func sign(_ requests: [SigningRequest], purpose: String) async throws -> [[UInt8]] {
            approvals.append((purpose, requests.count))
            // A provider usually signs the hash it is sent: check the one given matches the message.
            for request in requests where request.sha256.count != 32 { throw SigningError.incomplete }
            return try await key.sign(requests, purpose: purpose)
        }
    }

    @Test func aClassIsSignedWithOneApprovalOfTheRemoteService() async throws {
        try await withHoso { app in
            let (year, class4A, _) = try await AssessmentWebTests.demo4A(app)
            try await AssessmentWebTests.open(.endOfYear, year: year, app)
            let roster = try await RosterService(database: app.db).roster(class: class4A.id, by: .system())
            let pupils = roster.lines.prefix(3).map(\.studentID)
            for pupil in pupils { try await YearEndWebTests.fill(pupil, class4A, level: "T", score: 9, math: ("T", 9), app) }
            let teacherName = try #require(roster.homeroomTeacherName)
            let ca = try TrialCA.make(signers: [("teacher", teacherName)])
            let provider = Provider(key: try SigningIdentity(pkcs12: try ca.pkcs12("teacher"), passphrase: ca.passphrase("teacher")))
            let teacher = Caller(accountID: nil, displayName: teacherName, grants: Grants(homeroomClasses: [class4A.id]))
            let report = try await app.domain.transcriptSigning.signClass(class4A.id, identity: provider, as: .teacher, by: teacher)
            #expect(report.signed == 3)
            let approvals = await provider.approvals
            #expect(approvals.count == 1 && approvals[0].count == 3 && approvals[0].purpose.contains("3 học bạ lớp 4A"), "\(approvals)")
            let file = try #require(try await app.domain.transcriptSigning.file(of: pupils[0], class: class4A.id, by: .system()))
            let verdicts = PDFVerifier.verify(file, trusting: try [UInt8](Data(contentsOf: ca.caPEM)))
            #expect(verdicts.map(\.signer) == [teacherName] && verdicts.allSatisfy { $0.intact && $0.trusted == true })
        }
    }
}
