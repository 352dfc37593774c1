import Admissions
import Documents
import Fluent
import Records
import Vapor

/// The principal's admissions report, on a page and as CSV.
struct ReportController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.report, use: show)
        routes.get(Site.reportCSV, use: csv)
        routes.get(Site.reportXLSX, use: xlsx)
    }

    func load(_ req: Request) async throws -> (Campaign, AdmissionsReport) {
        let id = try req.pathValue(CampaignID.self)
        let caller = try req.caller()
        let report = try await AdmissionsReport.build(id, on: req.db, by: caller)
        return (try await req.domain.campaigns.get(id, by: caller), report)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (campaign, report) = try await load(req)
        return try await req.render(
            "admissions/report",
            ReportPages.Page(
                layout: req.layout("Báo cáo tuyển sinh", active: Site.campaigns()), campaignTitle: campaign.title,
                campaignPath: Site.campaign(campaign.id), byKindergarten: report.byKindergarten,
                byCatchment: report.byCatchment, total: report.total,
                csvPath: Site.reportCSV(campaign.id), xlsxPath: Site.reportXLSX(campaign.id)))
    }

    static let columns = ["Trẻ trong danh sách", "Mã đã cấp", "Phiếu đã bàn giao", "Hồ sơ nháp", "Hồ sơ đã nộp", "Trong đó nhập tại bàn"]

    static func numbers(_ line: AdmissionsReport.Line) -> [Int] {
        [line.listed, line.codes, line.handedOver, line.drafts, line.submitted, line.atDesk]
    }

    static func groups(_ report: AdmissionsReport) -> [(String, [AdmissionsReport.Line])] {
        [("Trường mầm non", report.byKindergarten + [report.total]), ("Địa bàn", report.byCatchment + [report.total])]
    }

    @Sendable func xlsx(req: Request) async throws -> Response {
        let (campaign, report) = try await load(req)
        var writer = XLSXWriter()
        for (group, lines) in Self.groups(report) {
            writer.addSheet(
                name: group, header: [group] + Self.columns,
                rows: lines.map { [.text($0.label)] + Self.numbers($0).map(XLSXCell.integer) })
        }
        let workbook = writer
        return try await XLSXResponse.make("bao-cao-tuyen-sinh-\(campaign.schoolYearName).xlsx", on: req) { try workbook.data() }
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let (_, report) = try await load(req)
        var writer = CSVWriter(header: ["Nhóm", "Đơn vị"] + Self.columns)
        for (group, lines) in [("Trường mầm non", report.byKindergarten), ("Địa bàn", report.byCatchment), ("Tổng", [report.total])] {
            for line in lines { writer.append([group, line.label] + Self.numbers(line).map(String.init)) }
        }
        let response = Response(status: .ok, body: .init(string: writer.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "bao-cao-tuyen-sinh.csv")
        return response
    }
}
