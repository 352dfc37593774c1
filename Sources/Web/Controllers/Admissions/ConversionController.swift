import Admissions
import Fluent
import Records
import Vapor

/// The clerk turns confirmed admissions into pupils: hoso proposes balanced classes, the clerk adjusts and commits.
/// Also the class roster and the register book as PDFs.
struct ConversionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.convert, use: show)
        routes.post(Site.convert, use: commit)
        routes.get(Site.rosterPDF, use: roster)
        routes.get(Site.registerBook, use: book)
        routes.get(Site.registerBookXLSX, use: bookXLSX)
    }

    func campaignID(_ req: Request) throws -> CampaignID {
        let id = try req.pathValue(CampaignID.self)
        return id
    }

    func page(
        _ req: Request, _ id: CampaignID, together: Bool, chosen: [String: String]? = nil, problem: String? = nil,
        problems: FieldProblems = .init()
    ) async throws -> ConversionPages.Page {
        let caller = try req.caller()
        let campaign = try await req.domain.campaigns.get(id, by: caller)
        let conversion = req.domain.conversions
        let candidates = try await conversion.candidates(id, by: caller)
        var yearName = campaign.schoolYearName
        var classes: [SchoolClass] = []
        var proposal: [AdmissionApplicationID: ClassID] = [:]
        var note = problem
        do {
            let year = try await conversion.year(of: id, by: caller)
            yearName = year.name
            classes = try await req.domain.classes.list(year: year.id, by: caller).filter { $0.grade == 1 }
            if !candidates.isEmpty { proposal = try await conversion.propose(id, keepKindergartensTogether: together, by: caller) }
        } catch let problems as FieldProblems {
            note = note ?? problems.list.first?.message
        }
        let rows = candidates.map { candidate in
            let selected = chosen?["class-\(candidate.applicationID)"] ?? proposal[candidate.applicationID]?.description ?? ""
            return ConversionPages.Row(
                candidate,
                classes: classes.map {
                    SelectOption(
                        value: $0.id.description, label: "\($0.name) (tối đa \($0.capacity))",
                        selected: $0.id.description == selected)
                }, posted: chosen, problems: problems)
        }
        return ConversionPages.Page(
            layout: req.layout("Chuyển vào sổ đăng bộ", active: Site.campaigns()), campaignTitle: campaign.title,
            yearName: yearName, rows: rows, together: together, action: Site.convert(id),
            inviteAction: Site.inviteConverted(id), problem: note, problems: problems.list.map(\.message),
            incomplete: rows.filter(\.isIncomplete).count, draftKey: "hoso-convert:\(id)")
    }

    @Sendable func show(req: Request) async throws -> Response {
        let together = (try? req.query.get(String.self, at: "together")) == "1"
        return try await req.render("admissions/convert", page(req, campaignID(req), together: together))
    }

    /// Saves what the clerk completed (ethnicity, ID, birthplace) for every child on the page, then, unless the clerk
    /// only saved, writes them all into the register and their classes.
    @Sendable func commit(req: Request) async throws -> Response {
        let id = try campaignID(req)
        let body = try req.content.decode([String: String].self)
        let caller = try req.caller()
        let conversion = req.domain.conversions
        var assignments: [AdmissionApplicationID: ClassID] = [:]
        for (key, value) in body where key.hasPrefix("class-") {
            if let application = AdmissionApplicationID(String(key.dropFirst(6))), let classID = ClassID(value) {
                assignments[application] = classID
            }
        }
        do {
            var details: [AdmissionApplicationID: ChildDetails] = [:]
            for candidate in try await conversion.candidates(id, by: caller) {
                details[candidate.applicationID] = ConversionPages.details(of: candidate, in: body)
            }
            try await conversion.complete(id, details: details, by: caller)
            if body["action"] == "save" {
                return req.redirect(to: Site.convert(id), flash: "Đã lưu thông tin bổ sung.")
            }
            let pupils = try await conversion.commit(id, assignments: assignments, by: caller)
            let numbers = pupils.map(\.entry.numberText)
            // commit refuses an empty conversion, so there is always a first entry.
            return req.redirect(
                to: pupils.first.map { Site.classesOfYear($0.entry.yearID) } ?? Site.classes(),
                flash: "Đã ghi \(pupils.count) học sinh vào sổ đăng bộ (số \(numbers.first ?? "") – \(numbers.last ?? "")) và xếp lớp.")
        } catch let problems as FieldProblems {
            let cells = problems.list.contains { $0.field != "classes" }
            return try await req.render(
                "admissions/convert",
                page(
                    req, id, together: false, chosen: body, problem: cells ? nil : problems.list.first?.message,
                    problems: cells ? problems : .init()),
                status: .unprocessableEntity)
        } catch let error as RegisterError {
            return try await req.render(
                "admissions/convert", page(req, id, together: false, chosen: body, problem: error.message),
                status: .conflict)
        }
    }

    @Sendable func roster(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let document = try await req.domain.rosters.document(class: id, by: req.caller())
        return try await PrintoutsController.pdf(document, filename: "danh-sach-lop.pdf", on: req)
    }

    @Sendable func book(req: Request) async throws -> Response {
        let id = try req.pathValue(SchoolYearID.self)
        let book = try await req.domain.register.book(year: id, by: req.caller())
        return try await PrintoutsController.pdf(
            RegisterPrintouts.book(book, printedOn: SchoolDate(Date())), filename: "so-dang-bo.pdf", on: req)
    }

    @Sendable func bookXLSX(req: Request) async throws -> Response {
        let id = try req.pathValue(SchoolYearID.self)
        let book = try await req.domain.register.book(year: id, by: req.caller())
        return try await XLSXResponse.make("so-dang-bo-\(book.yearName).xlsx", on: req) { try RegisterWorkbooks.book(book) }
    }
}
