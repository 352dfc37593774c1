import Documents
import Fluent
import Records
import Vapor

/// Setting up an authenticator app, showing recovery codes, turning the second factor off.
struct SecondFactorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.secondFactor, use: show)
        routes.get(Site.secondFactorQR, use: qr)
        routes.post(Site.secondFactorConfirm, use: confirm)
        routes.post(Site.secondFactorDisable, use: disable)
        routes.post(Site.secondFactorCodes, use: recoveryCodes)
    }

    /// Either a fully signed‑in user, or one whose login waits for setting up the required second factor.
    func user(_ req: Request) throws -> CurrentUser {
        guard let user = req.user, user.session.stage == .active || user.session.stage == .enrolSecondFactor else {
            throw Abort.redirect(to: Site.login())
        }
        return user
    }

    func page(_ req: Request, codes: [String] = [], form: FormState = FormState()) async throws -> SecondFactorPages.Page {
        let user = try user(req)
        var secret: String?
        if !user.account.secondFactorEnabled {
            secret = try await req.domain.secondFactor.begin(for: user.account.id)
        }
        return SecondFactorPages.Page(
            layout: req.layout("Xác thực hai lớp"), enabled: user.account.secondFactorEnabled || !codes.isEmpty,
            required: req.school?.requireSecondFactor ?? false, secret: codes.isEmpty ? secret.map(Self.grouped) : nil,
            qrPath: Site.secondFactorQR(), recoveryCodes: codes, form: form)
    }

    static func grouped(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { offset in
            let start = secret.index(secret.startIndex, offsetBy: offset)
            return String(secret[start..<(secret.index(start, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
        }.joined(separator: " ")
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("account/second-factor", page(req))
    }

    @Sendable func qr(req: Request) async throws -> Response {
        let user = try user(req)
        guard let secret = try await req.domain.secondFactor.pendingSecret(for: user.account.id),
            let totp = TOTP(base32: secret),
            let code = QRCode(totp.provisioningURI(account: user.account.username, issuer: "hoso \(req.school?.name ?? "")"))
        else { throw RecordsError.notFound }
        let response = Response(status: .ok, body: .init(string: code.svg()))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        return response
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let user = try user(req)
        let form = try req.content.decode(SecondFactorPages.CodeForm.self)
        do {
            let codes = try await req.domain.secondFactor.confirm(code: form.code ?? "", session: user.session.id, by: user.caller)
            return try await req.render("account/second-factor", page(req, codes: codes))
        } catch let problems as FieldProblems {
            return try await req.render(
                "account/second-factor", page(req, form: FormState(problems: problems)), status: .unprocessableEntity)
        }
    }

    @Sendable func disable(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(SecondFactorPages.PasswordForm.self)
        do {
            try await req.domain.secondFactor.disable(password: form.password ?? "", by: user.caller)
        } catch let problems as FieldProblems {
            return try await req.render(
                "account/second-factor", page(req, form: FormState(problems: problems)), status: .unprocessableEntity)
        }
        return req.redirect(to: Site.account(), flash: "Đã tắt xác thực hai lớp.")
    }

    @Sendable func recoveryCodes(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let codes = try await req.domain.secondFactor.newRecoveryCodes(by: user.caller)
        return try await req.render("account/second-factor", page(req, codes: codes))
    }
}
