import Admissions
import Documents
import Fluent
import Records
import Vapor

/// The principal's admissions report, on a page and as CSV.
struct ReportController: RouteCollection {
    struct Line: Encodable {
        let label: String
        let listed: Int
        let codes: Int
        let handedOver: Int
        let drafts: Int
        let submitted: Int
        let atDesk: Int

        init(_ line: AdmissionsReport.Line) {
            label = line.label
            listed = line.listed
            codes = line.codes
            handedOver = line.handedOver
            drafts = line.drafts
            submitted = line.submitted
            atDesk = line.atDesk
        }
    }

    struct Page: Encodable {
        let layout: Layout
        let campaignTitle: String
        let campaignPath: String
        let byKindergarten: [Line]
        let byCatchment: [Line]
        let total: Line
        let csvPath: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admissions", "campaigns", ":id", "report", use: show)
        routes.get("admissions", "campaigns", ":id", "report.csv", use: csv)
    }

    func load(_ req: Request) async throws -> (Campaign, AdmissionsReport) {
        guard let id = req.parameters.get("id").flatMap(CampaignID.init) else { throw RecordsError.notFound }
        let caller = try req.caller()
        let report = try await AdmissionsReport.build(id, on: req.db, by: caller)
        return (try await CampaignService(database: req.db).get(id), report)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (campaign, report) = try await load(req)
        return try await req.render("admissions/report", Page(
            layout: req.layout("Báo cáo tuyển sinh", active: AdmissionPaths.campaigns), campaignTitle: campaign.title,
            campaignPath: AdmissionPaths.campaign(campaign.id), byKindergarten: report.byKindergarten.map(Line.init),
            byCatchment: report.byCatchment.map(Line.init), total: Line(report.total),
            csvPath: AdmissionPaths.reportCSV(campaign.id)))
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let (_, report) = try await load(req)
        var writer = CSVWriter(header: ["Nhóm", "Đơn vị", "Trẻ trong danh sách", "Mã đã cấp", "Phiếu đã bàn giao", "Hồ sơ nháp",
                                        "Hồ sơ đã nộp", "Trong đó nhập tại bàn"])
        for (group, lines) in [("Trường mầm non", report.byKindergarten), ("Địa bàn", report.byCatchment), ("Tổng", [report.total])] {
            for line in lines {
                writer.append([group, line.label, String(line.listed), String(line.codes), String(line.handedOver), String(line.drafts),
                               String(line.submitted), String(line.atDesk)])
            }
        }
        let response = Response(status: .ok, body: .init(string: writer.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "bao-cao-tuyen-sinh.csv")
        return response
    }
}
