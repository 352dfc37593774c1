import Fluent
import Records
import Vapor

/// School years: list, add, edit the dates of terms and checkpoints, choose the current one.
struct YearsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.years, use: list)
        routes.post(Site.yearsNew, use: create)
        routes.get(Site.year, use: edit)
        routes.post(Site.year, use: update)
        routes.post(Site.yearMakeCurrent, use: makeCurrent)
    }

    func listPage(_ req: Request, form: FormState = FormState()) async throws -> YearsPages.ListPage {
        let caller = try req.caller()
        let rows = try await req.domain.school.years(by: caller).map { y in
            YearsPages.YearRow(
                name: y.name, starts: y.dates.startsOn.display, ends: y.dates.endsOn.display, isCurrent: y.isCurrent,
                editPath: Site.year(y.id), makeCurrentPath: Site.yearMakeCurrent(y.id),
                registerBookPath: Site.registerBook(y.id), registerBookXLSXPath: Site.registerBookXLSX(y.id),
                archivePath: Site.yearArchive(y.id))
        }
        return YearsPages.ListPage(
            layout: req.layout("Năm học", active: Site.years()), years: rows, canManage: caller.may(.manageSchool), form: form)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await req.render("school/years", listPage(req))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(YearsPages.Form.self)
        do {
            let year = try await req.domain.school.createYear(startYear: FormInput.int(form.startYear), dates: nil, by: req.caller())
            return req.redirect(to: Site.year(year.id), flash: "Đã tạo năm học \(year.name). Hãy kiểm tra lại các mốc thời gian.")
        } catch let problems as FieldProblems {
            return try await req.render(
                "school/years", listPage(req, form: FormState(values: ["startYear": form.startYear ?? ""], problems: problems)),
                status: .unprocessableEntity)
        }
    }

    func yearID(_ req: Request) throws -> SchoolYearID {
        let id = try req.pathValue(SchoolYearID.self)
        return id
    }

    static let dateFields: [(String, KeyPath<SchoolYearDates, SchoolDate>?, Checkpoint?)] = [
        ("startsOn", \.startsOn, nil), ("term1EndsOn", \.term1EndsOn, nil), ("term2StartsOn", \.term2StartsOn, nil),
        ("endsOn", \.endsOn, nil), ("midTerm1", nil, .midTerm1), ("endTerm1", nil, .endTerm1), ("midTerm2", nil, .midTerm2),
        ("endOfYear", nil, .endOfYear),
    ]

    @Sendable func edit(req: Request) async throws -> Response {
        let caller = try req.caller()
        let year = try await req.domain.school.year(yearID(req), by: caller)
        var values: [String: String] = [:]
        for (name, path, checkpoint) in Self.dateFields {
            values[name] = path.map { year.dates[keyPath: $0].display } ?? checkpoint.flatMap { year.dates.checkpoints[$0]?.display } ?? ""
        }
        return try await req.render(
            "school/year",
            YearsPages.EditPage(
                layout: req.layout("Năm học \(year.name)", active: Site.years()), name: year.name,
                action: Site.year(year.id), canManage: caller.may(.manageSchool),
                form: FormState(values: values)))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let caller = try req.caller()
        let id = try yearID(req)
        let year = try await req.domain.school.year(id, by: caller)
        let form = try req.content.decode(YearsPages.Form.self)
        let texts = [
            "startsOn": form.startsOn, "term1EndsOn": form.term1EndsOn, "term2StartsOn": form.term2StartsOn,
            "endsOn": form.endsOn, "midTerm1": form.midTerm1, "endTerm1": form.endTerm1, "midTerm2": form.midTerm2,
            "endOfYear": form.endOfYear,
        ]
        var problems = FieldProblems()
        var parsed: [String: SchoolDate] = [:]
        for (name, _, _) in Self.dateFields {
            if let date = FormInput.date(texts[name] ?? nil) {
                parsed[name] = date
            } else {
                problems.add(name, "Vui lòng nhập ngày dạng dd/mm/yyyy.")
            }
        }
        let values = texts.mapValues { $0 ?? "" }
        do {
            try problems.throwIfAny()
            let dates = SchoolYearDates(
                startsOn: parsed["startsOn"]!, term1EndsOn: parsed["term1EndsOn"]!, term2StartsOn: parsed["term2StartsOn"]!,
                endsOn: parsed["endsOn"]!,
                checkpoints: [
                    .midTerm1: parsed["midTerm1"]!, .endTerm1: parsed["endTerm1"]!, .midTerm2: parsed["midTerm2"]!,
                    .endOfYear: parsed["endOfYear"]!,
                ])
            try await req.domain.school.updateYear(id, dates: dates, by: caller)
        } catch let problems as FieldProblems {
            return try await req.render(
                "school/year",
                YearsPages.EditPage(
                    layout: req.layout("Năm học \(year.name)", active: Site.years()), name: year.name,
                    action: Site.year(id), canManage: caller.may(.manageSchool),
                    form: FormState(values: values, problems: problems)),
                status: .unprocessableEntity)
        }
        return req.redirect(to: Site.years(), flash: "Đã lưu lịch năm học \(year.name).")
    }

    @Sendable func makeCurrent(req: Request) async throws -> Response {
        let id = try yearID(req)
        try await req.domain.school.makeCurrent(id, by: req.caller())
        return req.redirect(to: Site.years(), flash: "Đã chọn năm học hiện tại.")
    }
}
