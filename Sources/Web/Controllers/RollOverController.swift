import Fluent
import Foundation
import Records
import Vapor

/// The year's roll-over: the admin board's preview of every class with its count, the copy of this year's classes
/// into the next, the one-step move and its undo; and the homeroom teacher's marks of who repeats the grade.
struct RollOverController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.rollOver, use: show)
        routes.post(Site.rollOverClasses, use: copyClasses)
        routes.post(Site.rollOverApply, use: apply)
        routes.post(Site.rollOverUndo, use: undo)
        routes.get(Site.promotion, use: promotion)
        routes.post(Site.promotion, use: savePromotion)
    }

    func render(_ req: Request, year: SchoolYearID?, form: FormState = FormState(), status: HTTPStatus = .ok) async throws
        -> Response
    {
        let caller = try req.caller()
        let service = RollOverService(database: req.db)
        let years = try await service.followingYears(by: caller)
        let target = years.first { $0.id == year } ?? years.first
        var plan: RollOverPlan?
        if let target { plan = try await service.plan(to: target.id, by: caller) }
        let current = try await req.domain.school.currentYear()
        let page = RollOverPages.page(
            plan, years: years, from: current.name, today: SchoolDate(Date()), form: form,
            layout: req.layout("Chuyển năm học", active: Site.years()))
        return try await req.render("school/rollover", page, status: status)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await render(req, year: (try? req.query.get(String.self, at: "year")).flatMap(SchoolYearID.init))
    }

    /// Runs `change` for the year named in the form; a refusal comes back on the page with its reasons.
    func attempt(_ req: Request, _ change: (SchoolYearID, Caller) async throws -> String) async throws -> Response {
        let form = try req.content.decode(RollOverPages.Form.self)
        guard let year = form.year.flatMap(SchoolYearID.init) else {
            return try await render(
                req, year: nil, form: FormState(values: [:], problems: FieldProblems("year", "Vui lòng chọn năm học mới.")),
                status: .unprocessableEntity)
        }
        do {
            let done = try await change(year, try req.caller())
            return req.redirect(to: Site.rollOverTo(year), flash: done)
        } catch let problems as FieldProblems {
            return try await render(req, year: year, form: FormState(values: [:], problems: problems), status: .unprocessableEntity)
        }
    }

    @Sendable func copyClasses(req: Request) async throws -> Response {
        try await attempt(req) { year, caller in
            let created = try await RollOverService(database: req.db).copyClasses(to: year, by: caller)
            return created == 0 ? "Năm học mới đã có đủ các lớp như năm nay." : "Đã tạo \(created) lớp cho năm học mới."
        }
    }

    @Sendable func apply(req: Request) async throws -> Response {
        try await attempt(req) { year, caller in
            let result = try await RollOverService(database: req.db).apply(to: year, by: caller)
            guard result.promoted + result.repeating + result.completed > 0 else {
                return "Không có học sinh nào cần chuyển: mọi học sinh đã có lớp năm học mới."
            }
            return
                "Đã chuyển năm học: \(result.promoted) học sinh lên lớp, \(result.repeating) ở lại lớp, \(result.completed) hoàn thành chương trình tiểu học."
        }
    }

    @Sendable func undo(req: Request) async throws -> Response {
        try await attempt(req) { year, caller in
            try await RollOverService(database: req.db).undo(to: year, by: caller)
            return "Đã hoàn tác lần chuyển năm học gần nhất."
        }
    }

    @Sendable func promotion(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let caller = try req.caller()
        let schoolClass = try await req.domain.classes.get(id, by: caller)
        let lines = try await RollOverService(database: req.db).promotion(of: id, by: caller)
        let page = RollOverPages.PromotionPage(
            layout: req.layout("Lên lớp, ở lại lớp: lớp \(schoolClass.name)", active: Site.classes()), className: schoolClass.name,
            lines: lines.enumerated().map {
                RollOverPages.PromotionRow(
                    position: $0.offset + 1, id: $0.element.studentID.description, name: $0.element.name.full, repeats: $0.element.repeats)
            }, repeating: lines.filter(\.repeats).count, savePath: Site.promotion(id), rosterPath: Site.roster(id))
        return try await req.render("school/promotion", page)
    }

    @Sendable func savePromotion(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let form = try req.content.decode(RollOverPages.PromotionForm.self)
        let repeaters = Set((form.repeaters ?? []).compactMap(StudentID.init))
        try await RollOverService(database: req.db).setRepeaters(repeaters, in: id, by: req.caller())
        return req.redirect(to: Site.promotion(id), flash: "Đã lưu: \(repeaters.count) học sinh ở lại lớp năm học sau.")
    }
}
