import Records
import Vapor

/// The comment bank's page: the school's phrases (kept by the principal and the admin board) and the teacher's own.
struct CommentBankController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.phrases, use: list)
        routes.post(Site.phrases, use: add)
        routes.post(Site.phraseRemove, use: remove)
    }

    struct Page: Encodable {
        struct Phrase: Encodable {
            let text: String
            let removeAction: String?
        }

        let layout: Layout
        let schools: [Phrase]
        let own: [Phrase]
        let maySchools: Bool
        let form: FormState
    }

    func page(_ req: Request, form: FormState = FormState(), status: HTTPStatus = .ok) async throws -> Response {
        let caller = try req.caller()
        let phrases = try await req.domain.commentBank.phrases(by: caller)
        let maySchools = CommentBank.keepsSchoolPhrases(caller)
        let phrase = { (p: CommentPhrase) in
            Page.Phrase(text: p.text, removeAction: !p.isSchools || maySchools ? Site.phraseRemove(p.id) : nil)
        }
        return try await req.render(
            "assessment/phrases",
            Page(
                layout: req.layout("Ngân hàng nhận xét", active: Site.classes()), schools: phrases.filter(\.isSchools).map(phrase),
                own: phrases.filter { !$0.isSchools }.map(phrase), maySchools: maySchools, form: form), status: status)
    }

    @Sendable func list(req: Request) async throws -> Response { try await page(req) }

    @Sendable func add(req: Request) async throws -> Response {
        let text = (try? req.content.get(String.self, at: "text")) ?? ""
        let scope = (try? req.content.get(String.self, at: "scope")) ?? "own"
        do {
            try await req.domain.commentBank.add(text, schools: scope == "school", by: req.caller())
            return req.redirect(to: Site.phrases(), flash: "Đã thêm vào ngân hàng nhận xét.")
        } catch let problems as FieldProblems {
            return try await page(
                req, form: FormState(values: ["text": text, "scope": scope], problems: problems), status: .unprocessableEntity)
        }
    }

    @Sendable func remove(req: Request) async throws -> Response {
        try await req.domain.commentBank.remove(try req.pathValue(UUID.self), by: req.caller())
        return req.redirect(to: Site.phrases(), flash: "Đã bỏ câu nhận xét khỏi ngân hàng.")
    }
}
