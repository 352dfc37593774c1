import Fluent
import Records
import Vapor

/// First‑run setup: on an empty database, the school's name and the principal's account.
struct SetupController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.setup, use: show)
        routes.post(Site.setup, use: submit)
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.school != nil { return req.redirect(to: Site.login(), redirectType: .normal) }
        return try await req.render("setup/setup", SetupPages.Page(layout: req.layout("Thiết lập lần đầu"), form: FormState()))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        if req.school != nil { return req.redirect(to: Site.login(), redirectType: .normal) }
        let form = try req.content.decode(SetupPages.Form.self)
        let setup = FirstRunSetup(
            schoolName: form.schoolName ?? "",
            principalName: PersonName(family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? ""),
            username: form.username ?? "", password: form.password ?? "", passwordConfirmation: form.passwordConfirmation ?? "")
        do {
            try await req.domain.setup.run(setup)
        } catch let problems as FieldProblems {
            let values = [
                "schoolName": form.schoolName ?? "", "family": form.family ?? "", "middle": form.middle ?? "",
                "given": form.given ?? "", "username": form.username ?? "",
            ]
            return try await req.render(
                "setup/setup",
                SetupPages.Page(
                    layout: req.layout("Thiết lập lần đầu"),
                    form: FormState(values: values, problems: problems)),
                status: .unprocessableEntity)
        }
        return req.redirect(to: Site.login(), flash: "Đã thiết lập trường. Hãy đăng nhập bằng tài khoản hiệu trưởng vừa tạo.")
    }
}
