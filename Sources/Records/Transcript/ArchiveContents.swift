import Documents
import FluentKit
import Foundation

/// The files of a year's archive and of a pupil's handover bundle, made from the books as they stand.
struct ArchiveContents {
    let database: any Database
    let documents: URL
    let exporter: any TranscriptExporter

    struct Part {
        let file: ArchivedFile
        let bytes: [UInt8]

        init(_ path: String, _ kind: String, _ bytes: [UInt8], signers: [String] = []) {
            file = ArchivedFile(path: path, kind: kind, sha256: SecureToken.sha256Hex(bytes), size: bytes.count, signers: signers)
            self.bytes = bytes
        }
    }

    /// A PDF printout as PDF/A-2b.
    static func archival(_ document: PDFDocument) throws -> [UInt8] { try PDFArchival.identify(try document.render()) }

    /// "005-nguyen-thi-anh": the register number and the folded name, safe in any file system.
    static func slug(_ number: String, _ name: String) -> String {
        let folded = VietnameseText.foldKey(name).split(separator: " ").joined(separator: "-")
        return number.replacingOccurrences(of: "/", with: "-") + "-" + folded.filter { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    /// The year's books: the register, each class's assessment book and four summary tables, each học bạ signed by
    /// both signers (as signed) with its export; and the pupils whose học bạ is not signed yet.
    func year(_ yearRow: SchoolYearRow, by caller: Caller) async throws -> (files: [Part], unsigned: [String]) {
        let year = SchoolYearID(yearRow.id!)
        let today = SchoolDate(Date())
        var parts: [Part] = []
        var unsigned: [String] = []
        let book = try await RegisterService(database: database).book(year: year, by: caller)
        parts.append(Part("so-dang-bo.pdf", "Sổ đăng bộ", try Self.archival(RegisterPrintouts.book(book, printedOn: today))))
        let assessment = AssessmentService(database: database)
        let classes = try await ClassRow.query(on: database).filter(\.$yearID == year.uuid).all().sorted {
            ($0.grade, $0.name) < ($1.grade, $1.name)
        }
        let signed = Dictionary(
            try await SignedTranscriptRow.query(on: database).filter(\.$yearID == year.uuid).all().map { ($0.studentID, $0) },
            uniquingKeysWith: { a, _ in a })
        for schoolClass in classes {
            let id = ClassID(schoolClass.id!)
            let folder = "lop-\(schoolClass.name)/"
            var summaries: [ClassSummary] = []
            for checkpoint in Checkpoint.allCases {
                let summary = try await assessment.summary(class: id, checkpoint: checkpoint, by: caller)
                summaries.append(summary)
                let path = folder + "bang-tong-hop-\(checkpoint.code).pdf"
                // The tables as their teachers signed them, when they did; else as they stand.
                if let row = try await SignedDocumentRow.query(on: database).filter(\.$subjectKey == SummarySigning.key(id, checkpoint))
                    .first(), let data = FileManager.default.contents(atPath: documents.appendingPathComponent(row.fileName).path)
                {
                    parts.append(Part(path, "Bảng tổng hợp", [UInt8](data), signers: row.signers.components(separatedBy: "; ")))
                } else {
                    parts.append(Part(path, "Bảng tổng hợp", try Self.archival(AssessmentPrintouts.summary(summary, printedOn: today))))
                }
            }
            let results = try await assessment.yearResults(class: id, by: caller)
            parts.append(
                Part(
                    folder + "so-danh-gia.pdf", "Sổ đánh giá",
                    try Self.archival(AssessmentPrintouts.classBook(summaries, results: results, printedOn: today))))
            let context = try await TranscriptService.ClassContext.load(id, on: database)
            for pupil in context.results {
                let transcript = try await context.transcript(of: pupil.studentID, on: database)
                let name = Self.slug(transcript.registerNumber, pupil.name.full)
                var sha: String? = nil
                if let row = signed[pupil.studentID.uuid], row.stage == SigningStage.principal.rawValue,
                    let data = FileManager.default.contents(atPath: documents.appendingPathComponent(row.fileName).path)
                {
                    let part = Part(
                        folder + "hoc-ba/\(name).pdf", "Học bạ", [UInt8](data), signers: row.signers.components(separatedBy: "; "))
                    sha = part.file.sha256
                    parts.append(part)
                } else {
                    unsigned.append("\(pupil.name.full) (lớp \(schoolClass.name))")
                }
                parts.append(
                    Part(
                        folder + "hoc-ba/\(name).\(exporter.fileExtension)", "Học bạ (dữ liệu)",
                        try exporter.export(transcript, signedPDF: sha)))
            }
        }
        return (parts, unsigned)
    }

    /// A pupil's handover: every year's học bạ as signed (a draft year is left out) and its export.
    func handover(_ student: StudentID) async throws -> [Part] {
        var parts: [Part] = []
        let rows = try await SignedTranscriptRow.query(on: database).filter(\.$studentID == student.uuid).all()
        let years = Dictionary(
            try await SchoolYearRow.query(on: database).filter(\.$id ~~ rows.map(\.yearID)).all().map { ($0.id!, $0.name) },
            uniquingKeysWith: { a, _ in a })
        for row in rows.sorted(by: { (years[$0.yearID] ?? "") < (years[$1.yearID] ?? "") }) {
            guard let data = FileManager.default.contents(atPath: documents.appendingPathComponent(row.fileName).path) else { continue }
            let year = years[row.yearID] ?? "?"
            let part = Part("hoc-ba-\(year).pdf", "Học bạ", [UInt8](data), signers: row.signers.components(separatedBy: "; "))
            parts.append(part)
            let transcript = try await TranscriptService.ClassContext.load(ClassID(row.classID), on: database).transcript(
                of: student, on: database)
            parts.append(
                Part(
                    "hoc-ba-\(year).\(exporter.fileExtension)", "Học bạ (dữ liệu)",
                    try exporter.export(transcript, signedPDF: part.file.sha256)))
        }
        return parts
    }
}
