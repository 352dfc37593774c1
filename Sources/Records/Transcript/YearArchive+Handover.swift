import Documents
import FluentKit
import Foundation

extension YearArchive {
    /// A pupil's handover bundle, for a transfer or at the end of primary school: a zip of every year's học bạ as
    /// signed, its export, and a manifest signed with the school's seal; each bundle handed out is logged. Requires
    /// ``Permission/readRegister``; refused while no year of the pupil is signed.
    public func handover(student: StudentID, by caller: Caller) async throws -> (fileName: String, bytes: [UInt8]) {
        try caller.require(.readRegister)
        guard let pupil = try await StudentRow.find(student.uuid, on: database),
            let entry = try await RegisterEntryRow.query(on: database).filter(\.$studentID == student.uuid).first()
        else { throw RecordsError.notFound }
        let parts = try await ArchiveContents(database: database, documents: documents, exporter: exporter).handover(student)
        guard !parts.isEmpty else { throw FieldProblems("student", "Học sinh \(pupil.name.full) chưa có học bạ nào đã ký.") }
        let school = try await SchoolHeading.load(on: database).school
        guard let head = try await AuditHeadRow.find(1, on: database) else { throw RecordsError.notFound }
        let manifest = ArchiveManifest(
            kind: "Hồ sơ học bạ của \(pupil.name.full), số đăng bộ \(entry.numberText)", school: school, yearName: "",
            createdAt: Timestamps.storage(clock()), createdBy: caller.displayName, auditHead: .init(seq: head.seq, hash: head.hash),
            files: parts.map(\.file), unsigned: [])
        let manifestBytes = try manifest.encoded()
        var entries = parts.map { ($0.file.path, $0.bytes) }
        entries.append(("manifest.json", manifestBytes))
        if let seal = try await keys.seal() { entries.append(("manifest.json.p7s", try seal.signStatement(manifestBytes))) }
        let zip = try ZipBundle.make(entries)
        let hash = SecureToken.sha256Hex(zip)
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { _ in
            let event = AuditEvent(
                action: "document.copy", entity: AuditEntity.archive.rawValue, entityID: "\(student)",
                summary: "Cấp hồ sơ học bạ (\(parts.count / 2) năm học) của \(pupil.name.full), số đăng bộ \(entry.numberText)",
                before: String?.none, after: ["sha256": hash])
            return ((), [event])
        }
        return ("ho-so-hoc-ba-\(ArchiveContents.slug(entry.numberText, pupil.name.full)).zip", zip)
    }
}
