import Fluent
import Records
import Vapor

/// Login with password, then the one‑time code when the account has one; logout.
struct LoginController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.login, use: show)
        routes.post(Site.login, use: submit)
        routes.get(Site.loginCode, use: showCode)
        routes.post(Site.loginCode, use: submitCode)
        routes.post(Site.logout, use: logout)
    }

    @Sendable func show(req: Request) async throws -> Response {
        if let user = req.user, user.session.stage == .active { return req.redirect(to: Site.home(), redirectType: .normal) }
        return try await req.render("auth/login", LoginPages.Page(layout: req.layout("Đăng nhập"), form: FormState(), message: nil))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginPages.Form.self)
        let username = form.username ?? ""
        let result: LoginResult
        do {
            result = try await req.domain.sessions.login(
                username: username, password: form.password ?? "", address: req.clientAddress,
                userAgent: req.headers.first(name: .userAgent) ?? "")
        } catch let error as RecordsError {
            let (status, message): (HTTPStatus, String) =
                switch error {
                case .throttled(let until): (.tooManyRequests, ThrottleMessage.text(until: until))
                case .accountDisabled: (.forbidden, "Tài khoản này đã bị khoá. Vui lòng liên hệ ban quản trị nhà trường.")
                default: (.unauthorized, "Tên đăng nhập hoặc mật khẩu không đúng.")
                }
            let problems = FieldProblems("password", message)
            let response = try await req.render(
                "auth/login",
                LoginPages.Page(
                    layout: req.layout("Đăng nhập"),
                    form: FormState(values: ["username": username], problems: problems),
                    message: nil), status: status)
            if case .throttled(let until) = error { response.retry(after: until) }
            return response
        }
        req.storage[RotateCSRFKey.self] = true
        let next: String =
            switch result.session.stage {
            case .secondFactor: Site.loginCode()
            case .enrolSecondFactor: Site.secondFactor()
            case .active: Site.home()
            }
        let response = req.redirect(to: next, redirectType: .normal)
        response.cookies[SessionMiddleware.cookieName] = SessionMiddleware.cookie(result.token, for: req)
        return response
    }

    @Sendable func showCode(req: Request) async throws -> Response {
        guard let user = req.user, user.session.stage == .secondFactor else { return req.redirect(to: Site.login(), redirectType: .normal) }
        return try await req.render("auth/code", LoginPages.Page(layout: req.layout("Xác thực hai lớp"), form: FormState(), message: nil))
    }

    @Sendable func submitCode(req: Request) async throws -> Response {
        guard let user = req.user, user.session.stage == .secondFactor else { return req.redirect(to: Site.login(), redirectType: .normal) }
        let form = try req.content.decode(LoginPages.CodeForm.self)
        do {
            try await req.domain.sessions.verifySecondFactor(session: user.session.id, code: form.code ?? "", address: req.clientAddress)
        } catch let error as RecordsError {
            let (status, message): (HTTPStatus, String) =
                switch error {
                case .throttled(let until): (.tooManyRequests, ThrottleMessage.text(until: until))
                default: (.unauthorized, "Mã không đúng hoặc đã dùng. Hãy nhập mã 6 chữ số mới nhất trong ứng dụng, hoặc một mã khôi phục.")
                }
            let response = try await req.render(
                "auth/code",
                LoginPages.Page(
                    layout: req.layout("Xác thực hai lớp"),
                    form: FormState(problems: FieldProblems("code", message)), message: nil),
                status: status)
            if case .throttled(let until) = error { response.retry(after: until) }
            return response
        }
        req.storage[RotateCSRFKey.self] = true
        return req.redirect(to: Site.home(), redirectType: .normal)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let user = req.user {
            try await req.domain.sessions.end(user.session.id, owner: user.account.id)
        }
        req.storage[RotateCSRFKey.self] = true
        let response = req.redirect(to: Site.login(), flash: "Bạn đã đăng xuất.", kind: .info)
        response.cookies[SessionMiddleware.cookieName] = SessionMiddleware.expired(for: req)
        return response
    }
}
