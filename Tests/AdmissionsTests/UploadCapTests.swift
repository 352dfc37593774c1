import Admissions
import FluentKit
import Foundation
import Records
import TestSupport
import Testing

/// The cap of 20 files per application holds when uploads arrive at once over several connections (it used to be
/// counted outside the write transaction: 30 at once stored 28–30), and a refused upload leaves no file behind.
@Suite struct UploadCapTests {
    @Test func thirtyUploadsAtOnceStoreTwenty() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)  // one document already
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-cap-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (access, parent, clock) = (p.access, p.parent, p.fixture.clock.function)
            let outcomes = try await ParallelConnections.run(on: db, connections: 5, tasks: 30) { _, connection in
                let documents = DocumentService(database: connection, store: FileStore(directory: folder), clock: clock)
                do {
                    _ = try await documents.upload(
                        SampleUploads.birthCertificatePDF, filename: "ks.pdf", kind: "KS", for: access, by: parent)
                    return true
                } catch let problems as FieldProblems {
                    #expect(problems.byField["file"] == "Mỗi hồ sơ tải lên tối đa 20 tệp.")
                    return false
                }
            }
            #expect(outcomes.filter { $0 }.count == 19)
            #expect(try await rowCount("application_documents", on: db) == 20)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(files.count == 19, "only committed uploads keep their file")
        }
    }
}

/// An upload's file gets its name only once its row commits; one cut off in between is finished by the minute job.
@Suite struct StagedUploadTests {
    @Test func aFileIsNamedAfterItsRowCommitsAndAnUnfinishedOneIsPublishedOrRemoved() async throws {
        try await TestDatabase.withFresh { db in
            let p = try await PortalFixture.make(db)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hoso-staged-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let documents = DocumentService(database: db, store: FileStore(directory: folder), clock: p.fixture.clock.function)
            let stored = try await documents.upload(
                SampleUploads.birthCertificatePDF, filename: "ks.pdf", kind: "KS", for: p.access, by: p.parent)
            var files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(files == ["\(stored.id.uuidString.lowercased()).pdf"])
            // A refused upload (no such kind of document) leaves nothing, staged or named.
            await #expect(throws: FieldProblems.self) {
                try await documents.upload(SampleUploads.birthCertificatePDF, filename: "x.pdf", kind: "XX", for: p.access, by: p.parent)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 1)
            // A process killed after the commit and before the rename, and one killed before the commit.
            let committed = folder.appendingPathComponent(stored.id.uuidString.lowercased() + ".pdf")
            try FileManager.default.moveItem(at: committed, to: folder.appendingPathComponent(".staged-" + committed.lastPathComponent))
            try Data("orphan".utf8).write(to: folder.appendingPathComponent(".staged-\(UUID().uuidString.lowercased()).pdf"))
            #expect(try await documents.content(stored.id, for: p.access).1 == SampleUploads.birthCertificatePDF)
            #expect(try await documents.finishStaged(olderThan: Date().addingTimeInterval(-600)) == (0, 0))
            let finished = try await documents.finishStaged(olderThan: Date().addingTimeInterval(1))
            #expect(finished == (1, 1))
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(files == [committed.lastPathComponent])
            #expect(try await documents.content(stored.id, for: p.access).1 == SampleUploads.birthCertificatePDF)
        }
    }
}
