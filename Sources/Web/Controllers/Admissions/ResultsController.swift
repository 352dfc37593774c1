import Admissions
import Documents
import Fluent
import Records
import Vapor

/// After the draw: the counts by group and catchment, the final list (page, CSV, Excel), and the chair's corrections.
struct ResultsController: RouteCollection {
    typealias Line = ResultsReport.Line
    typealias Child = ResultsReport.Child

    struct Page: Encodable {
        let layout: Layout
        let campaignTitle: String
        let byGroup: [Line]
        let byUnit: [Line]
        let total: Line
        let children: [Child]
        let base: String
    }

    static let header = ["Số hồ sơ", "Họ và tên", "Ngày sinh", "Giới tính", "Nhóm", "Nơi cư trú", "Kết quả", "Xác nhận"]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admissions", "campaigns", ":id", "results", use: show)
        routes.get("admissions", "campaigns", ":id", "results.csv", use: csv)
        routes.get("admissions", "campaigns", ":id", "results.xlsx", use: xlsx)
        routes.post("admissions", "review", ":application", "correct", use: correct)
    }

    func load(_ req: Request) async throws -> (Campaign, ResultsReport) {
        guard let id = req.parameters.get("id").flatMap(CampaignID.init) else { throw RecordsError.notFound }
        let report = try await ResultsReport.build(id, on: req.db, by: req.caller())
        return (try await CampaignService(database: req.db).get(id), report)
    }

    static func cells(_ child: ResultsReport.Child) -> [String] {
        [child.number, child.name, child.birthDate, child.gender, child.group, child.residence, child.outcome, child.confirmation]
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (campaign, report) = try await load(req)
        return try await req.render("admissions/results", Page(
            layout: req.layout("Kết quả tuyển sinh", active: AdmissionPaths.campaigns), campaignTitle: campaign.title,
            byGroup: report.byGroup, byUnit: report.byUnit, total: report.total,
            children: report.children,
            base: AdmissionPaths.results(campaign.id)))
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
        let numbers = { (line: ResultsReport.Line) in [line.admitted, line.waitlisted, line.confirmed, line.declined, line.released].map(XLSXCell.integer) }
        writer.addSheet(name: "Theo nhóm", header: ["Nhóm"] + counts, rows: (report.byGroup + [report.total]).map { [.text($0.label)] + numbers($0) })
        writer.addSheet(name: "Theo địa bàn", header: ["Địa bàn"] + counts, rows: (report.byUnit + [report.total]).map { [.text($0.label)] + numbers($0) })
        let workbook = writer
        let bytes = try await req.application.threadPool.runIfActive { try workbook.data() }
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.contentDisposition = .init(.attachment, filename: "ket-qua-tuyen-sinh-\(campaign.schoolYearName).xlsx")
        return response
    }

    struct CorrectForm: Content {
        var outcome: String?
        var position: String?
        var reason: String?
    }

    @Sendable func correct(req: Request) async throws -> Response {
        guard let id = req.parameters.get("application").flatMap(AdmissionApplicationID.init) else { throw RecordsError.notFound }
        let form = try req.content.decode(CorrectForm.self)
        guard let outcome = form.outcome.flatMap(Outcome.init(rawValue:)) else {
            return req.redirect(to: AdmissionPaths.reviewApplication(id), flash: "Vui lòng chọn kết quả mới.", kind: .error)
        }
        do {
            try await DrawService(database: req.db).correct(id, to: outcome, waitlistPosition: FormInput.int(form.position),
                                                            reason: form.reason ?? "", by: req.caller())
        } catch let problems as FieldProblems {
            return req.redirect(to: AdmissionPaths.reviewApplication(id), flash: problems.list.first?.message ?? "", kind: .error)
        }
        return req.redirect(to: AdmissionPaths.reviewApplication(id), flash: "Đã sửa kết quả: \(outcome.label).")
    }
}
