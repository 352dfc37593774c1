import Admissions
import Documents
import Fluent
import Records
import Vapor

/// Parent accounts: the parent's pages (their children, opening the account with an invitation) and the clerk's
/// list of families with invitations.
struct FamilyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.familyHome, use: home)
        routes.get(Site.familyChild, use: child)
        routes.get(Site.familyActivate, use: showActivate)
        routes.post(Site.familyActivate, use: activate)
        routes.get(Site.contacts, use: contacts)
        routes.get(Site.contactsXLSX, use: contactsXLSX)
        routes.post(Site.invite, use: inviteOne)
        routes.post(Site.inviteConverted, use: inviteConverted)
    }

    // MARK: The parent's pages

    @Sendable func home(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.account.kind == .parent else { return req.redirect(to: Site.home(), redirectType: .normal) }
        let children = try await req.domain.families.children(by: user.caller)
        let feed = try await req.domain.contact.feed(by: user.caller)
        return try await req.render(
            "family/home",
            FamilyPages.HomePage(
                layout: req.layout("Con của tôi", active: Site.familyHome()),
                name: user.account.name.full, children: children.map(FamilyPages.ChildCard.init), feed: feed.map(FamilyPages.FeedLine.init))
        )
    }

    @Sendable func child(req: Request) async throws -> Response {
        let id = try req.pathValue(StudentID.self)
        let caller = try req.caller()
        let child = try await req.domain.families.child(id, by: caller)
        let results = try await req.domain.assessment.familyResults(of: id, by: caller).map(FamilyPages.ResultsCard.init)
        let consent = try await req.domain.contact.photoConsent(of: id, by: caller)
        return try await req.render(
            "family/child",
            FamilyPages.ChildPage(
                layout: req.layout(child.name.full, active: Site.familyHome()), child: FamilyPages.ChildCard(child), results: results,
                consent: FamilyPages.ConsentCard(
                    family: consent.family, child: consent.child, childMustConsent: consent.childMustConsent,
                    action: Site.familyPhotoConsent(id)),
                attendance: try await AttendanceService(database: req.db).familyMonths(of: id, by: caller).map {
                    FamilyPages.FamilyAttendanceLine(month: $0.month, excused: $0.excused, unexcused: $0.unexcused)
                }))
    }

    @Sendable func showActivate(req: Request) async throws -> Response {
        let code = (try? req.query.get(String.self, at: "ma")) ?? ""
        return try await req.render(
            "family/activate",
            FamilyPages.ActivatePage(
                layout: req.layout("Mở tài khoản phụ huynh"),
                form: FormState(values: ["code": String(code.prefix(20))]),
                action: Site.familyActivate()))
    }

    @Sendable func activate(req: Request) async throws -> Response {
        let form = try req.content.decode(FamilyPages.ActivateForm.self)
        let redemption = InvitationRedemption(
            code: form.code ?? "", contact: form.contact ?? "", username: form.username ?? "",
            password: form.password ?? "", passwordConfirmation: form.passwordConfirmation ?? "")
        do {
            _ = try await req.domain.families.redeem(redemption, address: req.clientAddress)
        } catch let problems as FieldProblems {
            let values = ["code": form.code ?? "", "contact": form.contact ?? "", "username": form.username ?? ""]
            return try await req.render(
                "family/activate",
                FamilyPages.ActivatePage(
                    layout: req.layout("Mở tài khoản phụ huynh"),
                    form: FormState(values: values, problems: problems),
                    action: Site.familyActivate()), status: .unprocessableEntity)
        }
        let result = try await req.domain.sessions.login(
            username: redemption.username, password: redemption.password,
            address: req.clientAddress, userAgent: req.headers.first(name: .userAgent) ?? "")
        req.storage[RotateCSRFKey.self] = true
        let response = req.redirect(
            to: Site.familyHome(), flash: "Đã mở tài khoản. Từ nay anh/chị đăng nhập bằng tên đăng nhập và mật khẩu vừa đặt.")
        response.cookies[SessionMiddleware.cookieName] = SessionMiddleware.cookie(result.token, for: req)
        return response
    }

    // MARK: The clerk's pages

    @Sendable func contacts(req: Request) async throws -> Response {
        let caller = try req.caller()
        let rows = try await req.domain.families.contacts(by: caller).map { contact in
            FamilyPages.ContactRow(
                name: contact.guardian.name.full, phone: contact.guardian.phone, email: contact.guardian.email,
                children: contact.children, username: contact.username ?? "",
                invitedUntil: contact.invitationExpiresAt.map(Timestamps.display) ?? "",
                inviteAction: Site.invite(contact.guardian.id))
        }
        return try await req.render(
            "family/contacts",
            FamilyPages.ContactsPage(
                layout: req.layout("Tài khoản phụ huynh", active: Site.contacts()),
                rows: rows, canInvite: caller.may(.writeRegister)))
    }

    /// The families as Excel: guardian, phone, email, children with their classes, the parent account.
    @Sendable func contactsXLSX(req: Request) async throws -> Response {
        let rows: [[XLSXCell]] = try await req.domain.families.contacts(by: req.caller()).enumerated().map { index, contact in
            [
                .integer(index + 1), .text(contact.guardian.name.full), .text(contact.guardian.phone),
                .text(contact.guardian.email), .text(contact.children.joined(separator: "\n")),
                .text(contact.username ?? (contact.invitationExpiresAt == nil ? "Chưa mời" : "Đã mời")),
            ]
        }
        return try await XLSXResponse.sheet(
            "phu-huynh.xlsx", name: "Phụ huynh", header: ["STT", "Họ và tên", "Điện thoại", "Email", "Con", "Tài khoản"],
            rows: rows, on: req)
    }

    func activationURL(_ req: Request) -> String { req.application.config.publicURL + Site.familyActivate() }

    @Sendable func inviteOne(req: Request) async throws -> Response {
        let id = try req.pathValue(GuardianID.self)
        do {
            let invitation = try await req.domain.invitations.invite(
                id, school: req.school?.name ?? "",
                activationURL: activationURL(req), by: req.caller())
            return try await issued(req, [invitation])
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.contacts(), flash: problems.list.first?.message ?? "", kind: .error)
        }
    }

    @Sendable func inviteConverted(req: Request) async throws -> Response {
        let id = try req.pathValue(CampaignID.self)
        do {
            let sent = try await req.domain.invitations.inviteConverted(
                id, school: req.school?.name ?? "",
                activationURL: activationURL(req), by: req.caller())
            return try await issued(req, sent)
        } catch let problems as FieldProblems {
            return req.redirect(to: Site.convert(id), flash: problems.list.first?.message ?? "", kind: .error)
        }
    }

    /// The codes just issued, shown once: for families without a phone or email, to print and hand over.
    func issued(_ req: Request, _ invitations: [ParentInvitation]) async throws -> Response {
        let rows = invitations.map {
            FamilyPages.InvitationRow(
                name: $0.guardian.name.full, phone: $0.guardian.phone, email: $0.guardian.email, code: $0.code,
                expires: Timestamps.display($0.expiresAt))
        }
        let response = try await req.render(
            "family/invitations",
            FamilyPages.InvitationsPage(
                layout: req.layout("Mã mời phụ huynh", active: Site.contacts()), rows: rows, activationURL: activationURL(req)))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
