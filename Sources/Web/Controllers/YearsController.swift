import Fluent
import Records
import Vapor

/// School years: list, add, edit the dates of terms and checkpoints, choose the current one.
struct YearsController: RouteCollection {
    struct Form: Content {
        var startYear: String?
        var startsOn: String?
        var term1EndsOn: String?
        var term2StartsOn: String?
        var endsOn: String?
        var midTerm1: String?
        var endTerm1: String?
        var midTerm2: String?
        var endOfYear: String?
    }

    struct YearRow: Encodable {
        let name: String
        let starts: String
        let ends: String
        let isCurrent: Bool
        let editPath: String
        let makeCurrentPath: String
    }

    struct ListPage: Encodable {
        let layout: Layout
        let years: [YearRow]
        let canManage: Bool
        let form: FormState
    }

    struct EditPage: Encodable {
        let layout: Layout
        let name: String
        let action: String
        let canManage: Bool
        let form: FormState
    }

    func boot(routes: any RoutesBuilder) throws {
        let years = routes.grouped("school", "years")
        years.get(use: list)
        years.post("new", use: create)
        years.get(":id", use: edit)
        years.post(":id", use: update)
        years.post(":id", "make-current", use: makeCurrent)
    }

    func listPage(_ req: Request, form: FormState = FormState()) async throws -> ListPage {
        let caller = try req.caller()
        let rows = try await req.domain.school.years(by: caller).map { y in
            YearRow(name: y.name, starts: y.dates.startsOn.display, ends: y.dates.endsOn.display, isCurrent: y.isCurrent,
                    editPath: Paths.year(y.id), makeCurrentPath: Paths.yearMakeCurrent(y.id))
        }
        return ListPage(layout: req.layout("Năm học", active: Paths.years), years: rows, canManage: caller.may(.manageSchool), form: form)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await req.render("school/years", listPage(req))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            let year = try await req.domain.school.createYear(startYear: FormInput.int(form.startYear), dates: nil, by: req.caller())
            return req.redirect(to: Paths.year(year.id), flash: "Đã tạo năm học \(year.name). Hãy kiểm tra lại các mốc thời gian.")
        } catch let problems as FieldProblems {
            return try await req.render("school/years", listPage(req, form: FormState(values: ["startYear": form.startYear ?? ""], problems: problems)),
                                        status: .unprocessableEntity)
        }
    }

    func yearID(_ req: Request) throws -> SchoolYearID {
        guard let id = req.parameters.get("id").flatMap(SchoolYearID.init) else { throw RecordsError.notFound }
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
        return try await req.render("school/year", EditPage(layout: req.layout("Năm học \(year.name)", active: Paths.years), name: year.name,
                                                           action: Paths.year(year.id), canManage: caller.may(.manageSchool),
                                                           form: FormState(values: values)))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let caller = try req.caller()
        let id = try yearID(req)
        let year = try await req.domain.school.year(id, by: caller)
        let form = try req.content.decode(Form.self)
        let texts = ["startsOn": form.startsOn, "term1EndsOn": form.term1EndsOn, "term2StartsOn": form.term2StartsOn,
                     "endsOn": form.endsOn, "midTerm1": form.midTerm1, "endTerm1": form.endTerm1, "midTerm2": form.midTerm2,
                     "endOfYear": form.endOfYear]
        var problems = FieldProblems()
        var parsed: [String: SchoolDate] = [:]
        for (name, _, _) in Self.dateFields {
            if let date = FormInput.date(texts[name] ?? nil) { parsed[name] = date } else { problems.add(name, "Vui lòng nhập ngày dạng dd/mm/yyyy.") }
        }
        let values = texts.mapValues { $0 ?? "" }
        do {
            try problems.throwIfAny()
            let dates = SchoolYearDates(
                startsOn: parsed["startsOn"]!, term1EndsOn: parsed["term1EndsOn"]!, term2StartsOn: parsed["term2StartsOn"]!,
                endsOn: parsed["endsOn"]!,
                checkpoints: [.midTerm1: parsed["midTerm1"]!, .endTerm1: parsed["endTerm1"]!, .midTerm2: parsed["midTerm2"]!,
                              .endOfYear: parsed["endOfYear"]!])
            try await req.domain.school.updateYear(id, dates: dates, by: caller)
        } catch let problems as FieldProblems {
            return try await req.render("school/year", EditPage(layout: req.layout("Năm học \(year.name)", active: Paths.years), name: year.name,
                                                               action: Paths.year(id), canManage: caller.may(.manageSchool),
                                                               form: FormState(values: values, problems: problems)),
                                        status: .unprocessableEntity)
        }
        return req.redirect(to: Paths.years, flash: "Đã lưu lịch năm học \(year.name).")
    }

    @Sendable func makeCurrent(req: Request) async throws -> Response {
        let id = try yearID(req)
        try await req.domain.school.makeCurrent(id, by: req.caller())
        return req.redirect(to: Paths.years, flash: "Đã chọn năm học hiện tại.")
    }
}
