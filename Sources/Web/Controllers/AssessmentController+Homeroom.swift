import Records
import Vapor

/// The homeroom teacher's grid: qualities, competencies and the general comment, saved as they are typed, marked
/// done, and unlocked through the principal.
extension AssessmentController {
    func renderHomeroom(
        _ req: Request, _ id: ClassID, _ checkpoint: Checkpoint, typed: [String: String]? = nil, problems: FieldProblems = FieldProblems(),
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let caller = try req.caller()
        let grid = try await req.domain.assessment.homeroomGrid(class: id, checkpoint: checkpoint, by: caller)
        let summary = try await req.domain.assessment.summary(class: id, checkpoint: checkpoint, by: caller)
        let query: KeyValuePairs<String, String> = ["checkpoint": checkpoint.rawValue]
        var page = AssessmentPages.homeroom(
            grid, layout: req.layout("Sổ đánh giá", active: Site.classes()), canWrite: caller.may(.writeClassRecords(id)),
            paths: .init(
                action: Site.homeroomGrid(id, query: query), done: Site.homeroomGridDone(id, query: query),
                unlock: Site.homeroomGridUnlock(id, query: query), summaryPDF: Site.summaryPDF(id, query: query),
                summaryXLSX: Site.summaryXLSX(id, query: query), approve: Site.summaryApprove(id, query: query),
                book: Site.classBookPDF(id)),
            summary: summary, canApprove: caller.may(.controlAssessment), typed: typed, problems: problems)
        page.signingPath = Site.summarySigning(id, query: query)
        if page.canWrite { page.phrases = try await req.domain.commentBank.phrases(by: caller).map(\.text) }
        return try await req.render("assessment/homeroom-grid", page, status: status)
    }

    @Sendable func homeroom(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        if req.wantsJSON {
            return try LiveGridState(
                try await req.domain.assessment.homeroomGrid(class: id, checkpoint: Self.checkpoint(req), by: req.caller())
            )
            .response()
        }
        return try await renderHomeroom(req, id, Self.checkpoint(req))
    }

    @Sendable func saveHomeroom(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let checkpoint = Self.checkpoint(req)
        let form = try req.content.decode([String: String].self)
        let assessment = req.domain.assessment
        do {
            let saved = try await assessment.saveHomeroom(
                class: id, checkpoint: checkpoint, entries: AssessmentPages.homeroomEntries(form), by: req.caller())
            if req.wantsJSON { return try LiveGridState(saved).response() }
            return req.redirect(to: Site.homeroomGrid(id, query: ["checkpoint": checkpoint.rawValue]), flash: "Đã lưu phẩm chất, năng lực.")
        } catch let problems as FieldProblems {
            if req.wantsJSON {
                let grid = try await assessment.homeroomGrid(class: id, checkpoint: checkpoint, by: req.caller())
                return try LiveGridState(grid, problems: problems).response(status: .unprocessableEntity)
            }
            return try await renderHomeroom(req, id, checkpoint, typed: form, problems: problems, status: .unprocessableEntity)
        }
    }

    @Sendable func homeroomDone(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let checkpoint = Self.checkpoint(req)
        let target = Site.homeroomGrid(id, query: ["checkpoint": checkpoint.rawValue])
        return try await req.redirect(to: target, done: "Đã đánh dấu hoàn thành; phần phẩm chất, năng lực đã khoá.") {
            try await req.domain.assessment.markHomeroomDone(class: id, checkpoint: checkpoint, by: req.caller())
        }
    }

    @Sendable func requestHomeroomUnlock(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let checkpoint = Self.checkpoint(req)
        let reason = (try? req.content.get(String.self, at: "reason")) ?? ""
        do {
            try await req.domain.assessment.requestHomeroomUnlock(class: id, checkpoint: checkpoint, reason: reason, by: req.caller())
            return req.redirect(
                to: Site.homeroomGrid(id, query: ["checkpoint": checkpoint.rawValue]), flash: "Đã gửi đề nghị mở khoá cho hiệu trưởng.")
        } catch let problems as FieldProblems {
            return try await renderHomeroom(req, id, checkpoint, problems: problems, status: .unprocessableEntity)
        }
    }
}
