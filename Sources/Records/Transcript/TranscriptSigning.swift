import Documents
import FluentKit
import Foundation

/// Who signs a học bạ, in order.
public enum SigningStage: String, Sendable, Equatable {
    /// The homeroom teacher signs first.
    case teacher
    /// The principal signs and seals after the teacher.
    case principal
}

/// What signing a class did.
public struct SigningReport: Sendable, Equatable {
    /// Transcripts signed in this step.
    public let signed: Int
    /// Pupils left out, with why: "Nguyễn Thị Ánh: chưa đủ kết quả".
    public let skipped: [String]
}

/// One pupil's signed học bạ.
public struct SignedTranscript: Sendable, Equatable {
    public let studentID: StudentID
    public let stage: SigningStage
    /// The signers, in order.
    public let signers: [String]
    public let sha256: String
}

/// Signs a class's học bạ: the homeroom teacher signs every complete transcript (PDF/A-2b, a PAdES signature), then
/// the principal adds the school's signature to each, as a second revision. The signer's PKCS#12 is opened for the
/// step only; its certificate must name the signer (or, for the principal, the school, a seal certificate). Signed
/// files lie in `folder` (the data folder's documents, which the backups take) and are served as signed from then on.
public struct TranscriptSigning: Sendable {
    let database: any Database
    let folder: URL
    let verificationBase: String
    let clock: @Sendable () -> Date

    /// Signing over `database`, files in `folder`; each học bạ prints the QR code of `verificationBase` + its code
    /// (the public verification page); `clock` dates the signatures.
    public init(database: any Database, folder: URL, verificationBase: String, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.folder = folder
        self.verificationBase = verificationBase
        self.clock = clock
    }

    /// Signs class `id`'s transcripts that wait for `stage`. The teacher's step requires
    /// ``Permission/writeClassRecords(_:)``, the principal's ``Permission/controlAssessment``.
    ///
    /// Every transcript of the step is signed in one batch, so a remote signing service asks its holder once.
    public func signClass(_ id: ClassID, identity: any DocumentSigner, as stage: SigningStage, by caller: Caller) async throws
        -> SigningReport
    {
        try caller.require(stage == .teacher ? .writeClassRecords(id) : .controlAssessment)
        let school = try await SchoolHeading.load(on: database)
        let signerName = SigningIdentity.commonName(ofCertificate: try await identity.certificates().first ?? [])
        let named = VietnameseText.foldKey(signerName)
        guard named == VietnameseText.foldKey(caller.displayName) || (stage == .principal && named == VietnameseText.foldKey(school.school))
        else {
            throw FieldProblems("file", "Chứng thư số mang tên “\(signerName)”, không phải của \(caller.displayName).")
        }
        let transcripts = try await TranscriptService.ClassContext.load(id, on: database)
        let registry = DocumentRegistry(database: database, clock: clock)
        let year = transcripts.book.year.id!
        let subject = { (student: StudentID) in "hoc-ba|\(student)|\(year)" }
        let rows = Dictionary(
            try await SignedTranscriptRow.query(on: database).filter(\.$classID == id.uuid).all().map { ($0.studentID, $0) },
            uniquingKeysWith: { a, _ in a })
        let now = clock()
        var signed = 0
        var skipped: [String] = []
        var batch: [(student: StudentID, row: SignedTranscriptRow?, source: [UInt8])] = []
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for pupil in transcripts.results {
            let row = rows[pupil.studentID.uuid]
            let name = pupil.name.full
            let source: [UInt8]
            switch (stage, row?.stage) {
            case (.teacher, nil):
                let transcript = try await transcripts.transcript(of: pupil.studentID, on: database)
                guard transcript.missing.isEmpty else {
                    skipped.append("\(name): chưa đủ kết quả")
                    continue
                }
                let code = try await registry.issue(
                    kind: "Học bạ", title: "Học bạ năm học \(transcript.yearName) · lớp \(transcript.className)", school: school.school,
                    subject: subject(pupil.studentID), on: database)
                source = try TranscriptPrintout.pdf(
                    transcript, printedOn: SchoolDate(now), verification: .init(url: verificationBase + code, code: code))
            case (.principal, SigningStage.teacher.rawValue?):
                source = try [UInt8](Data(contentsOf: folder.appendingPathComponent(row!.fileName)))
            case (.teacher, _):
                skipped.append("\(name): đã ký")
                continue
            case (.principal, nil):
                skipped.append("\(name): giáo viên chủ nhiệm chưa ký")
                continue
            default:
                skipped.append("\(name): hiệu trưởng đã ký")
                continue
            }
            batch.append((pupil.studentID, row, source))
        }
        let what = stage == .teacher ? "Giáo viên chủ nhiệm ký" : "Hiệu trưởng ký, đóng dấu"
        let className = transcripts.book.schoolClass.name
        let reason = stage == .teacher ? "Giáo viên chủ nhiệm ký học bạ" : "Hiệu trưởng ký, đóng dấu học bạ"
        let signedFiles =
            batch.isEmpty
            ? []
            : try await PDFSignature.sign(
                batch.map(\.source), with: identity, reason: reason, location: school.place, at: now,
                purpose: "\(what) \(batch.count) học bạ lớp \(className)")
        for ((student, row, _), bytes) in zip(batch, signedFiles) {
            let file = "hoc-ba-\(transcripts.book.year.name)-\(student).pdf"
            try Data(bytes).write(to: folder.appendingPathComponent(file), options: .atomic)
            try await record(row, student, id, transcripts.book.year.id!, stage, signerName, file, bytes, now)
            if let code = try await registry.current(subject(student), on: database) {
                let signers = (row.map { $0.signers.components(separatedBy: "; ") } ?? []) + [signerName]
                try await registry.record(code, sha256: SecureToken.sha256Hex(bytes), signers: signers, on: database)
            }
            signed += 1
        }
        let count = signed
        let signer = signerName
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { _ in
            let event = AuditEvent(
                action: "transcript.sign.\(stage.rawValue)", entity: AuditEntity.assessment.rawValue, entityID: "\(id)",
                summary: "\(what) \(count) học bạ lớp \(className)", before: String?.none,
                after: ["signed": "\(count)", "signer": signer])
            return ((), count > 0 ? [event] : [])
        }
        return SigningReport(signed: signed, skipped: skipped)
    }

    private func record(
        _ existing: SignedTranscriptRow?, _ student: StudentID, _ id: ClassID, _ year: UUID, _ stage: SigningStage, _ signer: String,
        _ file: String, _ bytes: [UInt8], _ now: Date
    ) async throws {
        let row = existing ?? SignedTranscriptRow()
        if existing == nil {
            row.id = UUID()
            row.studentID = student.uuid
            row.classID = id.uuid
            row.yearID = year
            row.signers = signer
        } else {
            row.signers += "; \(signer)"
        }
        row.stage = stage.rawValue
        row.fileName = file
        row.sha256 = SecureToken.sha256Hex(bytes)
        row.updatedAt = Timestamps.storage(now)
        try await row.save(on: database)
    }

    /// The class's signed transcripts by pupil. Requires ``Permission/readClass(_:)`` or ``Permission/readRegister``.
    public func signed(class id: ClassID, by caller: Caller) async throws -> [StudentID: SignedTranscript] {
        guard caller.may(.readClass(id)) || caller.may(.readRegister) else { throw RecordsError.forbidden }
        var result: [StudentID: SignedTranscript] = [:]
        for row in try await SignedTranscriptRow.query(on: database).filter(\.$classID == id.uuid).all() {
            result[StudentID(row.studentID)] = SignedTranscript(
                studentID: StudentID(row.studentID), stage: SigningStage(rawValue: row.stage) ?? .teacher,
                signers: row.signers.components(separatedBy: "; "), sha256: row.sha256)
        }
        return result
    }

    /// The signed file of `student`'s transcript in class `id`, if signed; each copy handed out is logged (who, when,
    /// which issue), as the 2026 draft circular asks. Same rights as ``signed(class:by:)``.
    public func file(of student: StudentID, class id: ClassID, by caller: Caller) async throws -> [UInt8]? {
        guard caller.may(.readClass(id)) || caller.may(.readRegister) else { throw RecordsError.forbidden }
        guard
            let row = try await SignedTranscriptRow.query(on: database).filter(\.$classID == id.uuid)
                .filter(\.$studentID == student.uuid).first()
        else { return nil }
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(row.fileName)))
        let code = try await DocumentRegistry(database: database, clock: clock).current("hoc-ba|\(student)|\(row.yearID)", on: database)
        let hash = SecureToken.sha256Hex(bytes)
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { _ in
            let event = AuditEvent(
                action: "document.copy", entity: AuditEntity.assessment.rawValue, entityID: "\(id)|\(student)",
                summary: "Cấp bản sao học bạ (mã xác minh \(code ?? "—"))", before: String?.none, after: ["sha256": hash])
            return ((), [event])
        }
        return bytes
    }
}
