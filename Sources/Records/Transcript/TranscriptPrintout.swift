import Documents
import Foundation

/// Học bạ as an A4 PDF/A-2b in the serif of official documents: the identity page with the school history, then the
/// year page with the places of the homeroom teacher's and the principal's signatures.
public enum TranscriptPrintout {
    /// Where the public verification page of one issued document is, and its code.
    public struct Verification: Sendable {
        public let url: String
        public let code: String

        public init(url: String, code: String) {
            self.url = url
            self.code = code
        }
    }

    /// The transcript's document, with the QR code and short code of its verification page when issued.
    public static func document(_ transcript: Transcript, printedOn date: SchoolDate, verification: Verification? = nil) -> PDFDocument {
        let pupil = transcript.pupil
        var document = PDFDocument(
            title: "Học bạ \(pupil.name.full) năm học \(transcript.yearName)", author: transcript.school.school,
            subject: "Học bạ tiểu học · lớp \(transcript.className) · năm học \(transcript.yearName)")
        let running = "Học bạ · \(pupil.name.full) · Lớp \(transcript.className) · Năm học \(transcript.yearName)"
        document.footer = { page in [.text("\(running) · Trang \(page.number)/\(page.count)", style: .small.aligned(.center))] }
        let parents = [("Họ và tên cha", pupil.fatherName), ("Họ và tên mẹ", pupil.motherName), ("Người giám hộ", pupil.guardianName)]
        let identity: [(String, String)] =
            [
                ("Họ và tên học sinh", pupil.name.full.uppercased()), ("Giới tính", pupil.sex == .female ? "Nữ" : "Nam"),
                ("Ngày sinh", pupil.birthDate.display), ("Dân tộc", pupil.ethnicity), ("Nơi sinh", pupil.placeOfBirth),
                ("Quê quán", pupil.hometown), ("Nơi ở hiện nay", pupil.address),
            ] + parents.filter { !$0.1.isEmpty } + [("Số đăng bộ", transcript.registerNumber)]
        document.add(contentsOf: [
            RegisterPrintouts.heading(transcript.school), .spacer(mm: 28),
            .text("HỌC BẠ", style: .title.sized(30).spaced(after: 2)), .text("TIỂU HỌC", style: .title.sized(16).spaced(after: 14)),
        ])
        document.add(contentsOf: identity.map { .text("\($0.0): \($0.1)", style: .body.sized(12).spaced(after: 1.5)) })
        let history = Table(
            columns: [.init(.mm(30), alignment: .center), .init(.mm(22), alignment: .center), .init(), .init(.mm(32), alignment: .center)],
            header: ["Năm học", "Lớp", "Tên trường", "Ngày vào lớp"],
            rows: transcript.history.map {
                [Table.Cell($0.yearName), Table.Cell($0.className), Table.Cell($0.schoolName), Table.Cell($0.enrolledOn?.display ?? "")]
            },
            style: .body.sized(11), headerStyle: .body.sized(11).bold().aligned(.center))
        document.add(contentsOf: [
            .spacer(mm: 8), .text("QUÁ TRÌNH HỌC TẬP", style: .heading.aligned(.center)), .table(history), .pageBreak,
        ])
        document.add(contentsOf: yearPage(transcript, printedOn: date))
        if let verification {
            document.add(contentsOf: [
                .spacer(mm: 4),
                .row(
                    [
                        .qr(verification.url, sizeMM: 22),
                        .text(
                            "Xác minh bản học bạ này: quét mã QR hoặc mở \(verification.url) — mã xác minh \(verification.code). "
                                + "Trang xác minh cho biết loại văn bản, trường, ngày cấp, mã băm SHA-256 và người ký.",
                            style: .small),
                    ], widths: [.mm(26), .relative(1)]),
            ])
        }
        return document
    }

    /// The transcript as PDF/A-2b bytes.
    public static func pdf(_ transcript: Transcript, printedOn date: SchoolDate, verification: Verification? = nil) throws(PDFError)
        -> [UInt8]
    {
        try PDFArchival.identify(document(transcript, printedOn: date, verification: verification).render())
    }

    static func yearPage(_ transcript: Transcript, printedOn date: SchoolDate) -> [Block] {
        var blocks: [Block] = [
            .text("NĂM HỌC \(transcript.yearName) · LỚP \(transcript.className)", style: .title.sized(14)),
            .text(transcript.rulebookName, style: .small.aligned(.center)),
        ]
        if !transcript.missing.isEmpty {
            blocks.append(.text("BẢN NHÁP — chưa đủ kết quả: \(transcript.missing.joined(separator: "; "))", style: .small.bold()))
        }
        let subjects = Table(
            columns: [.init(.mm(56)), .init(.mm(20), alignment: .center), .init(.mm(18), alignment: .center), .init()],
            header: ["Môn học và hoạt động giáo dục", "Mức đạt được", "Điểm KTĐK", "Nhận xét"],
            rows: transcript.subjects.map { [Table.Cell($0.name), Table.Cell($0.level), Table.Cell($0.score), Table.Cell($0.comment)] },
            style: .body.sized(10.5), headerStyle: .body.sized(10.5).bold().aligned(.center))
        func competences(_ kind: String) -> Table {
            Table(
                columns: [.init(), .init(.mm(30), alignment: .center)],
                header: [Table.Cell(kind == "phẩm chất" ? "Phẩm chất" : "Năng lực"), "Mức đạt được"],
                rows: transcript.competences.filter { $0.kind == kind }.map { [Table.Cell($0.name), Table.Cell($0.level)] },
                style: .body.sized(10.5), headerStyle: .body.sized(10.5).bold().aligned(.center))
        }
        blocks += [
            .spacer(mm: 3), .text("1. Các môn học và hoạt động giáo dục", style: .heading.sized(12)), .table(subjects),
            .spacer(mm: 2), .text("2. Những phẩm chất chủ yếu", style: .heading.sized(12)), .table(competences("phẩm chất")),
            .spacer(mm: 2), .text("3. Những năng lực cốt lõi", style: .heading.sized(12)), .table(competences("năng lực")),
            .spacer(mm: 2),
            .text("Nhận xét của giáo viên chủ nhiệm: \(transcript.comment.isEmpty ? "…" : transcript.comment)", style: .body.sized(11)),
            .text("4. Kết quả giáo dục: \(transcript.result ?? "chưa đủ dữ liệu")", style: .body.sized(11).bold()),
            .text(
                "5. Khen thưởng: \(transcript.awards.isEmpty ? "không" : transcript.awards.joined(separator: "; "))", style: .body.sized(11)
            ),
            .text("6. \(transcript.completion ?? "Hoàn thành chương trình: chưa đủ dữ liệu")", style: .body.sized(11)),
            .spacer(mm: 4),
            RegisterPrintouts.signatures(
                left: ("GIÁO VIÊN CHỦ NHIỆM", "(Ký, ghi rõ họ tên)", transcript.homeroomTeacherName ?? ""),
                right: ("HIỆU TRƯỞNG", "(Ký, ghi rõ họ tên, đóng dấu)", transcript.school.principalName),
                place: transcript.school.place, date: date),
        ]
        return blocks
    }
}
