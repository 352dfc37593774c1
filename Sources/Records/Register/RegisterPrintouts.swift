import Documents
import Foundation

/// The register's printouts: the class roster (danh sách học sinh) and the register book (sổ đăng bộ). Both are
/// plain values in, a document out; render them off the event loop.
public enum RegisterPrintouts {
    /// Danh sách học sinh lớp …: STT, họ và tên, ngày sinh, giới tính, dân tộc, số đăng bộ, in the roster's
    /// (Vietnamese) order, with the homeroom teacher's and the principal's signature blocks. A4 portrait.
    public static func roster(_ roster: ClassRoster, printedOn date: SchoolDate) -> PDFDocument {
        var document = PDFDocument(
            title: "Danh sách học sinh lớp \(roster.className)", subject: "Năm học \(roster.yearName)",
            margins: Margins(top: 15, right: 15, bottom: 15, left: 25))
        let running = "Danh sách học sinh lớp \(roster.className) · Năm học \(roster.yearName)"
        document.footer = { page in [.text("\(running) · Trang \(page.number)/\(page.count)", style: .small.aligned(.center))] }
        let table = Table(
            columns: [
                .init(.mm(11), alignment: .center), .init(4), .init(.mm(25), alignment: .center),
                .init(.mm(19), alignment: .center), .init(.mm(20), alignment: .center), .init(.mm(26), alignment: .center),
            ],
            header: ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số đăng bộ"],
            rows: roster.lines.map { line in
                [
                    Table.Cell("\(line.position)"),
                    Table.Cell(line.note.isEmpty ? line.name.full : "\(line.name.full) (\(line.note.lowercased()))"),
                    Table.Cell(line.birthDate.display),
                    Table.Cell(line.sex.label), Table.Cell(line.ethnicity), Table.Cell(line.registerNumberText),
                ]
            })
        let counts = roster.counts
        document.add(contentsOf: [
            heading(roster.school),
            .spacer(mm: 5),
            .text("DANH SÁCH HỌC SINH LỚP \(roster.className.uppercased())", style: .title.sized(14).spaced(after: 1)),
            .text(
                "Năm học \(roster.yearName)" + (roster.homeroomTeacherName.map { " · Giáo viên chủ nhiệm: \($0)" } ?? ""),
                style: .body.aligned(.center)),
            .spacer(mm: 5),
            .table(table),
            .spacer(mm: 3),
            .text(
                "Lớp đang có \(counts.attending) học sinh, trong đó \(counts.girls) nữ, \(counts.minority) dân tộc thiểu số"
                    + (counts.unknownEthnicity > 0 ? ", \(counts.unknownEthnicity) chưa ghi dân tộc" : "")
                    + (counts.gone > 0 ? "; \(counts.gone) học sinh đã chuyển lớp hoặc rời trường trong năm học." : "."),
                style: .body.italic()),
            .spacer(mm: 6),
            signatures(
                left: ("GIÁO VIÊN CHỦ NHIỆM", "(Ký, ghi rõ họ tên)", roster.homeroomTeacherName ?? ""),
                right: ("HIỆU TRƯỞNG", "(Ký tên, đóng dấu)", roster.school.principalName),
                place: roster.school.place, date: date),
        ])
        return document
    }

    /// Sổ đăng bộ of one school year: số đăng bộ, họ tên, mã định danh, ngày sinh, giới tính, dân tộc, nơi sinh,
    /// họ tên cha/mẹ, nơi ở, ngày vào trường, vào lớp, ghi chú. A4 landscape; the school and the book's title run at
    /// the top of every page and the table's header repeats on every page.
    public static func book(_ book: RegisterBook, printedOn date: SchoolDate) -> PDFDocument {
        var document = PDFDocument(
            title: "Sổ đăng bộ năm học \(book.yearName)", subject: book.school.school,
            pageSize: .a4Landscape, margins: Margins(top: 12, right: 10, bottom: 12, left: 20))
        let school = book.school.school
        let title = "SỔ ĐĂNG BỘ · NĂM HỌC \(book.yearName)"
        // Every page, the first included: the book's pages are read one at a time, and the reserved height is
        // the same on all pages anyway.
        document.header = { _ in
            [.row([.text(school, style: .small.bold()), .text(title, style: .small.bold().aligned(.right))], widths: [1, 1]), .rule]
        }
        document.footer = { page in [.text("Trang \(page.number)/\(page.count)", style: .small.aligned(.center))] }
        let style = TextStyle(size: 8.5, lineHeight: 1.05)
        let table = Table(
            // Dates and the 12‑digit ID get fixed widths that hold them on one line at 8.5 pt; text columns share the rest.
            columns: [
                .init(.mm(20), alignment: .center), .init(3), .init(.mm(27), alignment: .center),
                .init(.mm(23), alignment: .center), .init(.mm(13), alignment: .center), .init(.mm(15), alignment: .center),
                .init(2.5), .init(3), .init(3), .init(.mm(23), alignment: .center), .init(.mm(13), alignment: .center), .init(2.5),
            ],
            header: bookHeader.map { Table.Cell($0) },
            rows: book.lines.map(bookRow), style: style,
            headerStyle: TextStyle(size: 8.5, isBold: true, alignment: .center, lineHeight: 1.05))
        let numbers = book.lines.map(\.entry.numberText)
        let range =
            numbers.isEmpty
            ? "Chưa có học sinh nào được ghi sổ."
            : "Năm học này ghi \(numbers.count) học sinh, từ số \(numbers.first!) đến số \(numbers.last!)."
        document.add(contentsOf: [
            heading(book.school),
            .spacer(mm: 4),
            .text("SỔ ĐĂNG BỘ", style: .title.sized(15).spaced(after: 1)),
            .text("Học sinh vào trường năm học \(book.yearName)", style: .body.aligned(.center)),
            .spacer(mm: 4),
            .table(table),
            .spacer(mm: 3),
            .text(range, style: .body.italic()),
            .spacer(mm: 5),
            signatures(
                left: ("NGƯỜI GHI SỔ", "(Ký, ghi rõ họ tên)", ""),
                right: ("HIỆU TRƯỞNG", "(Ký tên, đóng dấu)", book.school.principalName),
                place: book.school.place, date: date),
        ])
        return document
    }

    static func bookRow(_ line: RegisterBook.Line) -> [Table.Cell] { bookCells(line).map { Table.Cell($0) } }

    /// The twelve columns of one line of the book, as text (the PDF and the workbook print the same).
    static func bookCells(_ line: RegisterBook.Line) -> [String] {
        let details = line.entry.details
        var parents: [String] = []
        if !details.fatherName.isEmpty { parents.append("Cha: \(details.fatherName)") }
        if !details.motherName.isEmpty { parents.append("Mẹ: \(details.motherName)") }
        if !details.guardianName.isEmpty { parents.append("Người giám hộ: \(details.guardianName)") }
        var notes = [details.route == .transferIn ? "Chuyển đến từ \(details.previousSchool)" : details.route.label]
        if !details.notes.isEmpty { notes.append(details.notes) }
        return [
            line.entry.numberText, details.name.full, details.personalID, details.birthDate.display, details.sex.label,
            details.ethnicity, details.placeOfBirth, parents.joined(separator: "\n"), details.address,
            details.entryDate.display, line.className, notes.joined(separator: ". "),
        ]
    }

    static let bookHeader = [
        "Số đăng bộ", "Họ và tên", "Mã định danh", "Ngày sinh", "Giới tính", "Dân tộc", "Nơi sinh",
        "Họ tên cha, mẹ (người giám hộ)", "Nơi ở", "Ngày vào trường", "Vào lớp", "Ghi chú",
    ]

    /// The two‑column heading of official forms: the authority and school on the left, the national motto right.
    static func heading(_ school: SchoolHeading) -> Block {
        var left: [Block] = []
        if !school.authority.isEmpty { left.append(.text(school.authority, style: .body.sized(10).aligned(.center))) }
        left.append(.text(school.school.uppercased(), style: .body.sized(10).bold().aligned(.center)))
        left.append(.centeredRule(widthMM: 25))
        return .row(
            [
                .keepTogether(left),
                .keepTogether([
                    .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style: .body.sized(10).bold().aligned(.center)),
                    .text("Độc lập – Tự do – Hạnh phúc", style: .body.sized(10).bold().aligned(.center)),
                    .centeredRule(widthMM: 50),
                ]),
            ], widths: [2, 3])
    }

    /// Two signature blocks side by side; the right one carries the place and date.
    static func signatures(
        left: (String, String, String), right: (String, String, String), place: String,
        date: SchoolDate
    ) -> Block {
        let dateLine = (place.isEmpty ? "" : "\(place), ") + "ngày \(date.day) tháng \(date.month) năm \(date.year)"
        func block(_ parts: (String, String, String), dated: Bool) -> Block {
            .keepTogether([
                .text(dated ? dateLine : " ", style: .body.italic().aligned(.center)),
                .text(parts.0, style: .body.bold().aligned(.center)),
                .text(parts.1, style: .small.italic().aligned(.center)),
                .spacer(mm: 20),
                .text(parts.2.isEmpty ? " " : parts.2, style: .body.bold().aligned(.center)),
            ])
        }
        return .keepTogether([.row([block(left, dated: false), block(right, dated: true)], widths: [1, 1])])
    }
}
