import Admissions
import Fluent
import Records
import Vapor

/// Thường trực tuyển sinh: search, a child's case, applying on the parent's behalf, answers, walk‑in codes, unlocking.
struct DeskController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.desk, use: search)
        routes.get(Site.deskQuestions, use: questions)
        routes.get(Site.deskWalkIn, use: walkInForm)
        routes.post(Site.deskWalkIn, use: walkIn)
        routes.get(Site.deskCase, use: showCase)
        routes.get(Site.deskForm, use: showForm)
        routes.post(Site.deskForm, body: .collect(maxSize: ApplicationFormAction.bodyLimit), use: saveForm)
        routes.post(Site.deskMessages, use: reply)
        routes.post(Site.deskUnlock, use: unlock)
    }

    @Sendable func search(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.desk.authorize(by: caller)
        let query = (try? req.query.get(String.self, at: "q")) ?? ""
        let campaign = try await req.domain.campaigns.current()
        var hits: [DeskPages.HitRow] = []
        if let campaign, !query.isEmpty {
            hits = try await req.domain.desk.search(query, in: campaign.id, by: caller).map(DeskPages.HitRow.init)
        }
        return try await req.render(
            "admissions/desk",
            DeskPages.SearchPage(
                layout: req.layout("Thường trực tuyển sinh", active: Site.desk()),
                campaignTitle: campaign?.title, query: query, hits: hits,
                searched: !query.isEmpty))
    }

    /// The families' questions waiting for an answer, the longest-waiting first.
    @Sendable func questions(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.desk.authorize(by: caller)
        let campaign = try await req.domain.campaigns.current()
        var waiting: [UnansweredQuestion] = []
        if let campaign { waiting = try await req.domain.desk.unanswered(in: campaign.id, by: caller) }
        return try await req.render(
            "admissions/desk-questions",
            DeskPages.QuestionsPage(
                layout: req.layout("Câu hỏi chưa trả lời", active: Site.desk()), campaignTitle: campaign?.title,
                questions: waiting.map {
                    DeskPages.QuestionRow(
                        childName: $0.childName, code: $0.code.display, question: $0.question,
                        askedAt: Timestamps.display($0.askedAt), href: Site.deskCase($0.code))
                }))
    }

    func code(_ req: Request) throws -> RegistrationCode {
        let code = try req.pathValue(RegistrationCode.self, "code")
        return code
    }

    func casePage(_ req: Request, _ code: RegistrationCode, form: FormState = FormState()) async throws -> DeskPages.CasePage {
        let caller = try req.caller()
        let desk = req.domain.desk
        let access = try await desk.access(code, by: caller)
        guard let hit = try await desk.search(code.display, in: access.campaignID, by: caller).first else { throw RecordsError.notFound }
        let messages = try await desk.messages(for: access).map {
            DeskPages.MessageRow($0)
        }
        let portalCase = try await req.domain.applications.load(access)
        var application: [PortalPages.Line] = []
        if let submitted = portalCase.application, submitted.status != .draft {
            application = PortalPages.familyReceiptLines(
                portalCase, application: submitted, documents: try await req.domain.documents.list(for: access)
            ).map { PortalPages.Line(label: $0.0, value: $0.1) }
        }
        return DeskPages.CasePage(
            layout: req.layout("Hồ sơ mã \(code.display)", active: Site.desk()), hit: DeskPages.HitRow(hit), number: hit.number,
            enteredBy: hit.enteredBy, messages: messages, application: application,
            paths: [
                "form": Site.deskForm(code), "messages": Site.deskMessages(code),
                "unlock": Site.deskUnlock(code),
            ], form: form)
    }

    @Sendable func showCase(req: Request) async throws -> Response {
        try await req.render("admissions/desk-case", casePage(req, code(req)))
    }

    @Sendable func showForm(req: Request) async throws -> Response {
        let code = try code(req)
        let access = try await req.domain.desk.access(code, by: req.caller())
        return try await req.renderApplicationForm(access, context: .desk(code))
    }

    @Sendable func saveForm(req: Request) async throws -> Response {
        let code = try code(req)
        let caller = try req.caller()
        let access = try await req.domain.desk.access(code, by: caller)
        return try await req.postApplicationForm(access, by: caller, context: .desk(code), defaultAction: .submit)
    }

    @Sendable func reply(req: Request) async throws -> Response {
        let code = try code(req)
        let form = try req.content.decode(DeskPages.ReplyForm.self)
        let caller = try req.caller()
        let desk = req.domain.desk
        do {
            try await desk.post(form.body ?? "", on: try await desk.access(code, by: caller), by: caller)
        } catch let problems as FieldProblems {
            return try await req.render(
                "admissions/desk-case", casePage(req, code, form: FormState(values: ["body": form.body ?? ""], problems: problems)),
                status: .unprocessableEntity)
        }
        return req.redirect(to: Site.deskCase(code), flash: "Đã gửi trả lời; phụ huynh xem được trên trang hồ sơ.")
    }

    @Sendable func unlock(req: Request) async throws -> Response {
        let code = try code(req)
        try await req.domain.portal.unlock(code, by: req.caller())
        return req.redirect(to: Site.deskCase(code), flash: "Đã mở khoá mã \(code.display).")
    }

    @Sendable func walkInForm(req: Request) async throws -> Response {
        try req.domain.desk.authorize(by: req.caller())
        return try await req.render(
            "admissions/walk-in", DeskPages.WalkInPage(layout: req.layout("Cấp mã tại bàn", active: Site.desk()), form: FormState()))
    }

    @Sendable func walkIn(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(DeskPages.WalkInForm.self)
        guard let campaign = try await req.domain.campaigns.current() else { throw RecordsError.notFound }
        let entry = ChildEntry(
            name: PersonName(family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? ""),
            birthDate: SchoolDate(vietnamese: form.birthDate ?? ""), gender: Sex(rawValue: form.gender ?? ""),
            parentName: form.parentName ?? "", parentPhone: form.parentPhone ?? "", olderReason: form.olderReason ?? "")
        do {
            let child = try await req.domain.lists.addChild(
                entry, to: campaign.id, kindergarten: nil,
                walkInReason: form.walkInReason ?? "", by: caller)
            let code = child.code!
            return req.redirect(to: Site.deskCase(code), flash: "Đã cấp mã \(code.display) cho \(entry.name.full).")
        } catch let problems as FieldProblems {
            let values = [
                "family": form.family ?? "", "middle": form.middle ?? "", "given": form.given ?? "", "birthDate": form.birthDate ?? "",
                "gender": form.gender ?? "", "parentName": form.parentName ?? "", "parentPhone": form.parentPhone ?? "",
                "olderReason": form.olderReason ?? "", "walkInReason": form.walkInReason ?? "",
            ]
            return try await req.render(
                "admissions/walk-in",
                DeskPages.WalkInPage(
                    layout: req.layout("Cấp mã tại bàn", active: Site.desk()),
                    form: FormState(values: values, problems: problems)),
                status: .unprocessableEntity)
        }
    }
}
