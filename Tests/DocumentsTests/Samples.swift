import Documents

/// Documents shaped like the school's real printouts, used by the tests and written out for a visual check.
enum Samples {
    static let names = [
        "Nguyễn Thị Ánh", "Phạm Ngọc Ân", "H'Hen Niê", "Y Kŏ Êban", "Trần Đức Bảo", "Lê Văn Anh", "Đỗ Thị Hoa",
        "Vũ Văn Dũng", "Lê Văn Đức", "Hoàng Thị Thuỷ", "Bùi Quang Huy", "Đặng Thị Ngọc Hân", "Ngô Bảo Châu",
        "Dương Thị Yến", "Lý Gia Hưng", "Huỳnh Thị Mỹ Duyên", "Phan Thanh Tùng", "Võ Thị Kiều Oanh",
    ]

    /// `count` pupils: number, name, date of birth, sex, ethnicity.
    static func pupils(_ count: Int) -> [[Table.Cell]] {
        (0..<count).map { index in
            let name = names[index % names.count] + (index < names.count ? "" : " \(index / names.count + 1)")
            let day = index % 28 + 1
            let month = index % 12 + 1
            return [
                Table.Cell("\(index + 1)"), Table.Cell(name), Table.Cell("\(day)/\(month)/2019"),
                Table.Cell(index % 2 == 0 ? "Nữ" : "Nam"), Table.Cell(index % 9 == 3 ? "Ê Đê" : "Kinh"), "",
            ]
        }
    }

    static func rosterTable(_ count: Int) -> Table {
        Table(
            columns: [
                .init(.mm(12), alignment: .center), .init(4), .init(.mm(26), alignment: .center),
                .init(.mm(20), alignment: .center), .init(.mm(20), alignment: .center), .init(2),
            ],
            header: ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Ghi chú"],
            rows: pupils(count))
    }

    /// The two-column heading of every official form: the school on the left, the national motto on the right.
    static let officialHeading: Block = .row(
        [
            .keepTogether([
                .text("UBND QUẬN HOÀN KIẾM", style: .body.sized(10.5).aligned(.center)),
                .text("TRƯỜNG TIỂU HỌC KIM ĐỒNG", style: .body.sized(10.5).bold().aligned(.center)),
                .centeredRule(widthMM: 25),
            ]),
            .keepTogether([
                .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style: .body.sized(10.5).bold().aligned(.center)),
                .text("Độc lập – Tự do – Hạnh phúc", style: .body.sized(10.5).bold().aligned(.center)),
                .centeredRule(widthMM: 50),
            ]),
        ], widths: [2, 3])

    /// A class roster (Danh sách học sinh) with a signature block and numbered pages.
    static func roster(pupils count: Int = 36) -> PDFDocument {
        var document = PDFDocument(
            title: "Danh sách học sinh lớp 1A", subject: "Năm học 2025–2026",
            margins: Margins(top: 15, right: 15, bottom: 15, left: 25))
        document.footer = { page in [.text("Trang \(page.number)/\(page.count)", style: .small.aligned(.center))] }
        document.add(contentsOf: [
            officialHeading,
            .spacer(mm: 5),
            .text("DANH SÁCH HỌC SINH LỚP 1A", style: .title.spaced(after: 1)),
            .text("Năm học 2025–2026 · Giáo viên chủ nhiệm: Trần Thị Minh Nguyệt", style: .body.aligned(.center)),
            .spacer(mm: 5),
            .table(rosterTable(count)),
            .spacer(mm: 4),
            .text("Danh sách có \(count) học sinh.", style: .body.italic()),
            .spacer(mm: 6),
            .keepTogether([
                .row(
                    [
                        .keepTogether([
                            .text(" ", style: .body),
                            .text("NGƯỜI LẬP DANH SÁCH", style: .body.bold().aligned(.center)),
                            .text("(Ký, ghi rõ họ tên)", style: .small.italic().aligned(.center)),
                        ]),
                        .keepTogether([
                            .text("Hoàn Kiếm, ngày 15 tháng 8 năm 2025", style: .body.italic().aligned(.center)),
                            .text("HIỆU TRƯỞNG", style: .body.bold().aligned(.center)),
                            .text("(Ký tên, đóng dấu)", style: .small.italic().aligned(.center)),
                            .spacer(mm: 20),
                            .text("Nguyễn Văn Hùng", style: .body.bold().aligned(.center)),
                        ]),
                    ], widths: [1, 1])
            ]),
        ])
        return document
    }

    static func slipURL(_ code: String) -> String { "https://hoso.example/tuyen-sinh?ma=\(code)" }

    static let codes = [
        "K7QM-4XRT-9C", "P3HW-8NDA-2F", "T9RC-6KMV-7X", "A4LZ-2QPE-5H", "M8VD-3TJY-6R",
        "X2NF-7GKB-4W", "C6PU-9HRS-3L", "H5EY-4MWQ-8D", "R7BK-2XCN-9T", "W3JA-6FLV-5P",
    ]

    /// One registration-code slip (phiếu mã đăng ký): school, code in large letters, how to use it, QR to the form.
    static func slip(_ code: String) -> [Block] {
        [
            .text("TRƯỜNG TIỂU HỌC KIM ĐỒNG", style: .body.sized(10).bold()),
            .text("PHIẾU MÃ ĐĂNG KÝ TUYỂN SINH LỚP 1", style: .body.sized(10)),
            .text("Năm học 2025–2026", style: .small.colored(.darkGray)),
            .spacer(mm: 2.5),
            .row(
                [
                    .keepTogether([
                        .text("Mã đăng ký", style: .small.colored(.darkGray)),
                        .text(code, style: TextStyle(size: 16, isBold: true, family: "DejaVu Sans Mono")),
                        .spacer(mm: 2.5),
                        .text("Quét mã QR hoặc vào hoso.example/tuyen-sinh, nhập mã để đăng ký cho con.", style: .small),
                        .spacer(mm: 2),
                        .text("Hạn: 17 giờ, 30/6/2025", style: .small.bold()),
                    ]),
                    .qr(slipURL(code), sizeMM: 32),
                ], widths: [.relative(1), .mm(33)]),
            .spacer(mm: 2),
            .text("Mỗi mã dùng cho một trẻ; giữ phiếu đến khi nhập học.", style: .small.sized(8.5).italic()),
        ]
    }

    /// Registration-code slips, 2 × 4 to an A4 page.
    static func slips(count: Int = 10) -> PDFDocument {
        var document = PDFDocument(
            title: "Phiếu mã đăng ký tuyển sinh lớp 1", subject: "Tuyển sinh 2025–2026",
            margins: .init(mm: 12))
        let cards = (0..<count).map { slip(codes[$0 % codes.count]) }
        document.add(.grid(Grid(columns: 2, rows: 4, cards: cards)))
        return document
    }
}
