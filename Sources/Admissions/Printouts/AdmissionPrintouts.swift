import Documents
import Foundation
import Records

/// The admissions printouts: code slips, the handover record per kindergarten, the parent's receipt.
public enum AdmissionPrintouts {
    /// Where a slip's QR code leads: the portal with the code filled in.
    public static func portalLink(_ portalURL: String, code: RegistrationCode) -> String {
        "\(portalURL.hasSuffix("/") ? String(portalURL.dropLast()) : portalURL)/tuyen-sinh?ma=\(code.symbols)"
    }

    /// Phiếu mã số: eight slips to an A4 page with cut lines; each names the child, shows the code, a QR code of the
    /// portal with the code filled in, the window and the desk's phone.
    public static func slips(school: String, campaign: Campaign, children: [ListedChild], portalURL: String) -> PDFDocument {
        var document = PDFDocument(title: "Phiếu mã đăng ký tuyển sinh lớp 1", subject: campaign.title, margins: .init(mm: 10))
        let host = portalURL.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        let cards: [[Block]] = children.compactMap { child in
            guard let code = child.code else { return nil }
            return [
                .text(school.uppercased(), style: .body.sized(9.5).bold()),
                .text("PHIẾU MÃ ĐĂNG KÝ TUYỂN SINH LỚP 1 · NĂM HỌC \(campaign.schoolYearName)", style: .small.sized(8.5)),
                .spacer(mm: 1.5),
                .text("Trẻ: \(child.entry.name.full) · sinh ngày \(child.entry.birthDate?.display ?? "")", style: .body.sized(9.5).bold()),
                .spacer(mm: 1.5),
                .row(
                    [
                        .keepTogether([
                            .text("Mã đăng ký", style: .small.colored(.darkGray)),
                            .text(code.display, style: TextStyle(size: 15, isBold: true, family: "DejaVu Sans Mono")),
                            .spacer(mm: 1.5),
                            .text("Quét mã QR hoặc vào \(host)/tuyen-sinh, nhập mã và ngày sinh của trẻ.", style: .small.sized(8)),
                            .spacer(mm: 1),
                            .text(
                                "Đăng ký từ \(Timestamps.display(campaign.windows.applyFrom)) đến trước \(Timestamps.display(campaign.windows.applyUntil)).",
                                style: .small.sized(8).bold()),
                        ]),
                        .qr(portalLink(portalURL, code: code), sizeMM: 28),
                    ], widths: [.relative(1), .mm(29)]),
                .spacer(mm: 1),
                .text(
                    campaign.deskPhone.isEmpty
                        ? "Mỗi mã dùng cho một trẻ; giữ phiếu đến khi nhập học."
                        : "Cần giúp đỡ: gọi bàn thường trực \(campaign.deskPhone). Mỗi mã dùng cho một trẻ.",
                    style: .small.sized(7.5).italic()),
            ]
        }
        document.add(.grid(Grid(columns: 2, rows: 4, cards: cards)))
        return document
    }

    /// The two‑column heading of official forms: the school on the left, the national motto on the right.
    static func heading(school: String, authority: String) -> Block {
        .row(
            [
                .keepTogether([
                    .text(authority.uppercased(), style: .body.sized(10).aligned(.center)),
                    .text(school.uppercased(), style: .body.sized(10).bold().aligned(.center)),
                    .centeredRule(widthMM: 25),
                ]),
                .keepTogether([
                    .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style: .body.sized(10).bold().aligned(.center)),
                    .text("Độc lập – Tự do – Hạnh phúc", style: .body.sized(10).bold().aligned(.center)),
                    .centeredRule(widthMM: 50),
                ]),
            ], widths: [2, 3])
    }

    /// Biên bản bàn giao phiếu mã số: who handed how many slips to which kindergarten, and when; signed by both.
    public static func handover(school: String, campaign: Campaign, handover: Handover, children: [ListedChild]) -> PDFDocument {
        var document = PDFDocument(
            title: "Biên bản bàn giao phiếu mã số — \(handover.kindergartenName)", subject: campaign.title,
            margins: Margins(top: 15, right: 15, bottom: 15, left: 25))
        document.footer = { page in [.text("Trang \(page.number)/\(page.count)", style: .small.aligned(.center))] }
        let date = SchoolDate(handover.at)
        let rows: [[Table.Cell]] = children.enumerated().map { index, child in
            [
                Table.Cell("\(index + 1)"), Table.Cell(child.entry.name.full), Table.Cell(child.entry.birthDate?.display ?? ""),
                Table.Cell(child.code?.display ?? ""), "",
            ]
        }
        document.add(contentsOf: [
            heading(school: school, authority: campaign.approver),
            .spacer(mm: 6),
            .text("BIÊN BẢN BÀN GIAO PHIẾU MÃ SỐ ĐĂNG KÝ TUYỂN SINH LỚP 1", style: .title.sized(13)),
            .text("Năm học \(campaign.schoolYearName)", style: .body.aligned(.center)),
            .spacer(mm: 4),
            .text("Hôm nay, \(Timestamps.display(handover.at)), tại \(school), chúng tôi gồm:", style: .body),
            .text("Bên giao: \(handover.handedBy), đại diện \(school).", style: .body),
            .text("Bên nhận: \(handover.receivedBy), đại diện \(handover.kindergartenName).", style: .body),
            .text(
                "Bên giao đã giao cho bên nhận \(handover.slipCount) phiếu mã số đăng ký tuyển sinh lớp 1 để chuyển đến cha mẹ các trẻ có tên dưới đây. Bên nhận có trách nhiệm giao tận tay cha mẹ trẻ và không để lộ mã số cho người khác.",
                style: .body),
            .spacer(mm: 3),
            .table(
                Table(
                    columns: [
                        .init(.mm(12), alignment: .center), .init(3), .init(.mm(26), alignment: .center),
                        .init(.mm(34), alignment: .center), .init(2),
                    ],
                    header: ["STT", "Họ và tên trẻ", "Ngày sinh", "Mã số", "Ghi chú"], rows: rows)),
            .spacer(mm: 6),
            .keepTogether([
                .row(
                    [
                        .keepTogether([
                            .text("BÊN NHẬN", style: .body.bold().aligned(.center)),
                            .text("(Ký, ghi rõ họ tên)", style: .small.italic().aligned(.center)), .spacer(mm: 20),
                            .text(handover.receivedBy, style: .body.bold().aligned(.center)),
                        ]),
                        .keepTogether([
                            .text("Ngày \(date.day) tháng \(date.month) năm \(date.year)", style: .body.italic().aligned(.center)),
                            .text("BÊN GIAO", style: .body.bold().aligned(.center)),
                            .text("(Ký, ghi rõ họ tên)", style: .small.italic().aligned(.center)), .spacer(mm: 15),
                            .text(handover.handedBy, style: .body.bold().aligned(.center)),
                        ]),
                    ], widths: [1, 1])
            ]),
        ])
        return document
    }

    /// Biên nhận hồ sơ: what was submitted and when, for the parent to keep.
    public static func receipt(school: String, campaign: Campaign, application: AdmissionApplication, lines: [(String, String)])
        -> PDFDocument
    {
        var document = PDFDocument(
            title: "Biên nhận hồ sơ \(application.number ?? "")", subject: campaign.title,
            margins: Margins(top: 15, right: 15, bottom: 15, left: 20))
        let rows = lines.map { [Table.Cell($0.0, style: .body.bold()), Table.Cell($0.1)] }
        document.add(contentsOf: [
            heading(school: school, authority: campaign.approver),
            .spacer(mm: 6),
            .text("BIÊN NHẬN HỒ SƠ ĐĂNG KÝ VÀO LỚP 1", style: .title.sized(14)),
            .text("\(campaign.title)", style: .body.aligned(.center)),
            .spacer(mm: 5),
            .table(Table(columns: [.init(.mm(50)), .init(1)], header: [], rows: rows)),
            .spacer(mm: 4),
            .text(
                "Nhà trường đã nhận hồ sơ trực tuyến nêu trên. Cha mẹ giữ biên nhận này và theo dõi kết quả tại cổng tuyển sinh bằng mã số và ngày sinh của trẻ.",
                style: .body),
        ])
        return document
    }
}
