import Fluent
import Foundation
import Records
import Vapor

/// Monthly attendance: the homeroom teacher's grid (a select per absent day, có phép or không phép, kept as a draft
/// in the browser until saved), and the principal's overview of which classes have recorded the month.
struct AttendanceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.attendance, use: show)
        routes.post(Site.attendance, use: save)
        routes.get(Site.attendanceOverview, use: overview)
    }

    /// The month asked with `?month=`, else this month when it is in the school year, else the year's first.
    static func month(_ req: Request, year: SchoolYear?) -> SchoolMonth {
        if let text = try? req.query.get(String.self, at: "month"), let month = SchoolMonth(text) { return month }
        let now = SchoolMonth(SchoolDate(Date()))
        guard let dates = year?.dates else { return now }
        let months = SchoolMonth.months(of: dates)
        return months.contains(now) ? now : (now < months[0] ? months[0] : months[months.count - 1])
    }

    func render(
        _ req: Request, _ id: ClassID, month: SchoolMonth, typed: [String: String]? = nil, problems: FieldProblems = .init(),
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let caller = try req.caller()
        let grid = try await AttendanceService(database: req.db).grid(class: id, month: month, by: caller)
        let page = AttendancePages.page(
            grid, layout: req.layout("Chuyên cần lớp \(grid.className) tháng \(grid.month)", active: Site.classes()),
            canWrite: caller.may(.writeClassRecords(id)), typed: typed, problems: problems)
        return try await req.render("attendance/grid", page, status: status)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let year = try await req.domain.school.years(by: req.caller()).first(where: \.isCurrent)
        do {
            return try await render(req, id, month: Self.month(req, year: year))
        } catch let problems as FieldProblems {
            throw PageError(status: .notFound, heading: "Không có tháng này", message: problems.list.first?.message ?? "")
        }
    }

    @Sendable func save(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let form = try req.content.decode([String: String].self)
        guard let month = (try? req.query.get(String.self, at: "month")).flatMap(SchoolMonth.init) else {
            throw PageError(status: .badRequest, heading: "Thiếu tháng", message: "Mở lại trang chuyên cần của lớp.")
        }
        do {
            try await AttendanceService(database: req.db).save(
                class: id, month: month, marks: AttendancePages.marks(form), version: Int(form["version"] ?? "") ?? -1,
                by: req.caller())
            return req.redirect(to: Site.attendanceMonth(id, month), flash: "Đã lưu chuyên cần tháng \(month).")
        } catch let problems as FieldProblems {
            let conflict = problems.byField["version"] != nil
            return try await render(
                req, id, month: month, typed: form, problems: problems, status: conflict ? .conflict : .unprocessableEntity)
        }
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let caller = try req.caller()
        let year = try await req.domain.school.years(by: caller).first(where: \.isCurrent)
        let month = Self.month(req, year: year)
        let statuses = try await AttendanceService(database: req.db).overview(month: month, by: caller)
        let rows = statuses.map { status in
            AttendancePages.OverviewRow(
                className: status.className, teacher: status.homeroomTeacher ?? "Chưa phân công",
                updated: status.updatedAt.map { "\(Timestamps.display($0)) · \(status.updatedBy ?? "")" } ?? "Chưa cập nhật",
                done: status.updatedAt != nil, absences: AttendancePages.count(status.absences),
                href: Site.attendanceMonth(status.classID, month))
        }
        let months = year.map { SchoolMonth.months(of: $0.dates) } ?? [month]
        return try await req.render(
            "attendance/overview",
            AttendancePages.OverviewPage(
                layout: req.layout("Chuyên cần tháng \(month)", active: Site.classes()), monthText: month.description,
                months: months.map { SelectOption(value: $0.key, label: "Tháng \($0)", selected: $0 == month) }, rows: rows,
                missing: rows.filter { !$0.done }.count, action: Site.attendanceOverview()))
    }
}
