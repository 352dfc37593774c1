import Admissions
import Documents
import Fluent
import Records
import Vapor

/// After the draw: the counts by group and catchment, the final list (page, CSV, Excel), and the chair's corrections.
struct ResultsController: RouteCollection {

    static let header = ["Số hồ sơ", "Họ và tên", "Ngày sinh", "Giới tính", "Nhóm", "Nơi cư trú", "Kết quả", "Xác nhận"]

    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.results, use: show)
        routes.get(Site.resultsCSV, use: csv)
        routes.get(Site.resultsXLSX, use: xlsx)
        routes.post(Site.resultCorrection, use: correct)
    }

    func load(_ req: Request) async throws -> (Campaign, ResultsReport) {
        let id = try req.pathValue(CampaignID.self)
        let report = try await ResultsReport.build(id, on: req.db, by: req.caller())
        return (try await req.domain.campaigns.get(id, by: req.caller()), report)
    }

    static func cells(_ child: ResultsReport.Child) -> [String] {
        [child.number, child.name, child.birthDate, child.gender, child.group, child.residence, child.outcome, child.confirmation]
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (campaign, report) = try await load(req)
        return try await req.render(
            "admissions/results",
            ResultsPages.Page(
                layout: req.layout("Kết quả tuyển sinh", active: Site.campaigns()), campaignTitle: campaign.title,
                byGroup: report.byGroup, byUnit: report.byUnit, total: report.total,
                children: report.children,
                csvPath: Site.resultsCSV(campaign.id), xlsxPath: Site.resultsXLSX(campaign.id)))
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let (campaign, report) = try await load(req)
        var writer = CSVWriter(header: Self.header)
        for child in report.children { writer.append(Self.cells(child)) }
        let response = Response(status: .ok, body: .init(string: writer.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "ket-qua-tuyen-sinh-\(campaign.schoolYearName).csv")
        return response
    }

    @Sendable func xlsx(req: Request) async throws -> Response {
        let (campaign, report) = try await load(req)
        var writer = XLSXWriter()
        writer.addSheet(name: "Danh sách", header: Self.header, rows: report.children.map { Self.cells($0).map(XLSXCell.text) })
        let counts = ["Trúng tuyển", "Danh sách chờ", "Đã xác nhận", "Từ chối", "Quá hạn"]
        let numbers = { (line: ResultsReport.Line) in
            [line.admitted, line.waitlisted, line.confirmed, line.declined, line.released].map(XLSXCell.integer)
        }
        writer.addSheet(
            name: "Theo nhóm", header: ["Nhóm"] + counts, rows: (report.byGroup + [report.total]).map { [.text($0.label)] + numbers($0) })
        writer.addSheet(
            name: "Theo địa bàn", header: ["Địa bàn"] + counts,
            rows: (report.byUnit + [report.total]).map { [.text($0.label)] + numbers($0) })
        let workbook = writer
        return try await XLSXResponse.make("ket-qua-tuyen-sinh-\(campaign.schoolYearName).xlsx", on: req) { try workbook.data() }
    }

    @Sendable func correct(req: Request) async throws -> Response {
        let id = try req.pathValue(AdmissionApplicationID.self, "application")
        let form = try req.content.decode(ResultsPages.CorrectForm.self)
        guard let outcome = form.outcome.flatMap(Outcome.init(rawValue:)) else {
            return req.redirect(to: Site.reviewApplication(id), flash: "Vui lòng chọn kết quả mới.", kind: .error)
        }
        do {
            try await req.domain.draws.correct(
                id, to: outcome, waitlistPosition: FormInput.int(form.position),
                reason: form.reason ?? "", by: req.caller())
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.reviewApplication(id), flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: Site.reviewApplication(id), flash: "Đã sửa kết quả: \(outcome.label).")
    }
}
