import Fluent
import Records
import Vapor

/// First‑run setup: on an empty database, the school's name and the principal's account.
struct SetupController: RouteCollection {
    struct Form: Content {
        var schoolName: String?
        var family: String?
        var middle: String?
        var given: String?
        var username: String?
        var password: String?
        var passwordConfirmation: String?
    }

    struct Page: Encodable {
        let layout: Layout
        let form: FormState
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("setup", use: show)
        routes.post("setup", use: submit)
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.school != nil { return req.redirect(to: Paths.login, redirectType: .normal) }
        return try await req.render("setup/setup", Page(layout: req.layout("Thiết lập lần đầu"), form: FormState()))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        if req.school != nil { return req.redirect(to: Paths.login, redirectType: .normal) }
        let form = try req.content.decode(Form.self)
        let setup = FirstRunSetup(
            schoolName: form.schoolName ?? "",
            principalName: PersonName(family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? ""),
            username: form.username ?? "", password: form.password ?? "", passwordConfirmation: form.passwordConfirmation ?? "")
        do {
            try await req.domain.setup.run(setup)
        } catch let problems as FieldProblems {
            let values = ["schoolName": form.schoolName ?? "", "family": form.family ?? "", "middle": form.middle ?? "",
                          "given": form.given ?? "", "username": form.username ?? ""]
            return try await req.render("setup/setup", Page(layout: req.layout("Thiết lập lần đầu"),
                                                            form: FormState(values: values, problems: problems)),
                                        status: .unprocessableEntity)
        }
        return req.redirect(to: Paths.login, flash: "Đã thiết lập trường. Hãy đăng nhập bằng tài khoản hiệu trưởng vừa tạo.")
    }
}
