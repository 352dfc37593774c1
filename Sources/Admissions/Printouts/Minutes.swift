import Documents
import FluentKit
import Foundation
import Records

/// The figures the council minutes report.
public struct MinutesFigures: Sendable, Equatable {
    /// Applications by status, in the order statuses are listed.
    public let byStatus: [(label: String, count: Int)]
    /// By priority group: verified, admitted, waitlisted.
    public let byGroup: [(label: String, verified: Int, admitted: Int, waitlisted: Int)]

    public static func == (lhs: MinutesFigures, rhs: MinutesFigures) -> Bool {
        lhs.byStatus.map { "\($0.label)=\($0.count)" } == rhs.byStatus.map { "\($0.label)=\($0.count)" }
            && lhs.byGroup.map { "\($0.label)=\($0.verified)/\($0.admitted)/\($0.waitlisted)" }
                == rhs.byGroup.map { "\($0.label)=\($0.verified)/\($0.admitted)/\($0.waitlisted)" }
    }
}

extension DrawService {
    /// Counts by status and by group for the minutes.
    public func figures(_ campaign: CampaignID, by caller: Caller) async throws -> MinutesFigures {
        try caller.require(.viewAdmissions)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: database) else { throw RecordsError.notFound }
        let value = campaignRow.value()
        let rows = try await ApplicationRow.query(on: database).filter(\.$campaignID == campaign.uuid)
            .filter(\.$status != ApplicationStatus.draft.rawValue).all()
        let statuses = ApplicationStatus.allCases.filter { $0 != .draft }
        let byStatus = statuses.map { status in (status.label, rows.filter { $0.status == status.rawValue }.count) }
        let result = try await storedState(campaign)?.result
        let admitted = Dictionary(grouping: result?.admitted ?? [], by: { $0.group ?? "" }).mapValues(\.count)
        let waitlisted = Dictionary(grouping: result?.waitlist ?? [], by: { $0.group ?? "" }).mapValues(\.count)
        let verified = Dictionary(
            grouping: try await Self.applicants(campaign, campaign: campaignRow, on: database), by: { $0.group ?? "" }
        )
        .mapValues(\.count)
        let groups = value.priorityGroups.map { ($0.code, "\($0.code) — \($0.name)") } + [("", "Không thuộc nhóm ưu tiên")]
        return MinutesFigures(
            byStatus: byStatus,
            byGroup: groups.map { code, label in (label, verified[code] ?? 0, admitted[code] ?? 0, waitlisted[code] ?? 0) })
    }
}

extension AdmissionPrintouts {
    /// Biên bản họp hội đồng tuyển sinh: members present, counts by status and group, the seed, the decisions.
    public static func minutes(school: String, campaign: Campaign, draw: DrawState, figures: MinutesFigures, chair: String) -> PDFDocument {
        var document = PDFDocument(
            title: "Biên bản họp hội đồng tuyển sinh — \(campaign.title)", subject: campaign.title,
            margins: Margins(top: 15, right: 15, bottom: 15, left: 25))
        document.footer = { page in [.text("Trang \(page.number)/\(page.count)", style: .small.aligned(.center))] }
        let result = draw.result
        let at = draw.publishedAt ?? Date()
        let date = SchoolDate(at)
        document.add(contentsOf: [
            heading(school: school, authority: campaign.approver),
            .spacer(mm: 6),
            .text("BIÊN BẢN HỌP HỘI ĐỒNG TUYỂN SINH LỚP 1", style: .title.sized(13)),
            .text("Năm học \(campaign.schoolYearName)", style: .body.aligned(.center)),
            .spacer(mm: 4),
            .text("Thời gian: \(Timestamps.display(at)), tại \(school).", style: .body),
            .text("Thành viên có mặt: \(draw.membersPresent.isEmpty ? "(chưa ghi)" : draw.membersPresent).", style: .body),
            .text("Chỉ tiêu: \(campaign.classes) lớp × \(campaign.placesPerClass) = \(campaign.places) chỗ.", style: .body),
            .spacer(mm: 3),
            .text("1. Hồ sơ đã nộp theo kết quả xét duyệt", style: .heading.sized(11)),
            .table(
                Table(
                    columns: [.init(3), .init(1, alignment: .right)], header: ["Trạng thái", "Số hồ sơ"],
                    rows: figures.byStatus.map { [Table.Cell($0.label), Table.Cell("\($0.count)")] })),
            .spacer(mm: 3),
            .text("2. Theo nhóm đối tượng", style: .heading.sized(11)),
            .table(
                Table(
                    columns: [.init(3), .init(1, alignment: .right), .init(1, alignment: .right), .init(1, alignment: .right)],
                    header: ["Nhóm", "Đã xác minh", "Trúng tuyển", "Danh sách chờ"],
                    rows: figures.byGroup.map {
                        [
                            Table.Cell($0.label), Table.Cell("\($0.verified)"), Table.Cell("\($0.admitted)"),
                            Table.Cell("\($0.waitlisted)"),
                        ]
                    })),
            .spacer(mm: 3),
            .text("3. Bốc thăm", style: .heading.sized(11)),
            .text("Giá trị công khai: \(draw.publicValue). Mã đợt: \(campaign.id).", style: .body),
            .text("Hạt giống (SHA-256 của “giá trị|mã đợt”): \(draw.seed)", style: .small),
            .text(
                result?.lotteryUsed == true
                    ? "Có bốc thăm trong nhóm không đủ chỗ." : "Không cần bốc thăm: mọi hồ sơ đã xác minh đều đủ chỗ.", style: .body),
            .spacer(mm: 3),
            .text("4. Kết luận", style: .heading.sized(11)),
            .text(
                "Hội đồng thống nhất danh sách \(result?.admitted.count ?? 0) trẻ trúng tuyển và \(result?.waitlist.count ?? 0) trẻ trong danh sách chờ (danh sách kèm theo, ghi số hồ sơ và giá trị bốc thăm)."
                    + ((result?.overflow ?? 0) > 0
                        ? " Số trẻ thuộc nhóm bảo đảm vượt chỉ tiêu \(result?.overflow ?? 0), báo cáo \(campaign.approver) để điều chỉnh."
                        : ""),
                style: .body),
            .spacer(mm: 6),
            .keepTogether([
                .row(
                    [
                        .keepTogether([
                            .text("THƯ KÝ", style: .body.bold().aligned(.center)),
                            .text("(Ký, ghi rõ họ tên)", style: .small.italic().aligned(.center)),
                        ]),
                        .keepTogether([
                            .text("Ngày \(date.day) tháng \(date.month) năm \(date.year)", style: .body.italic().aligned(.center)),
                            .text("CHỦ TỊCH HỘI ĐỒNG", style: .body.bold().aligned(.center)),
                            .text("(Ký tên, đóng dấu)", style: .small.italic().aligned(.center)), .spacer(mm: 18),
                            .text(chair, style: .body.bold().aligned(.center)),
                        ]),
                    ], widths: [1, 1])
            ]),
        ])
        if let result {
            document.add(.pageBreak)
            document.add(.text("DANH SÁCH KÈM THEO BIÊN BẢN", style: .title.sized(12)))
            for (title, list) in [("Trúng tuyển", result.admitted), ("Danh sách chờ", result.waitlist)] where !list.isEmpty {
                document.add(.text(title, style: .heading.sized(11)))
                document.add(
                    .table(
                        Table(
                            columns: [.init(.mm(12), alignment: .center), .init(.mm(28)), .init(.mm(16)), .init(1)],
                            header: ["TT", "Số hồ sơ", "Nhóm", "Giá trị bốc thăm"],
                            rows: list.map {
                                [
                                    Table.Cell("\($0.position)"), Table.Cell($0.number), Table.Cell($0.group ?? "—"),
                                    Table.Cell($0.rank, style: .small.sized(7)),
                                ]
                            })))
            }
        }
        return document
    }
}
