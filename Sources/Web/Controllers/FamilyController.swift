import Admissions
import Fluent
import Records
import Vapor

/// Parent accounts: the parent's pages (their children, opening the account with an invitation) and the clerk's
/// list of families with invitations.
struct FamilyController: RouteCollection {
    struct ChildCard: Encodable {
        let name: String
        let birthDate: String
        let relation: String
        let className: String
        let yearName: String
        let teacher: String
        let registerNumber: String
        let href: String

        init(_ child: FamilyChild) {
            name = child.name.full
            birthDate = child.birthDate.display
            relation = child.relation.label
            className = child.className ?? ""
            yearName = child.yearName ?? ""
            teacher = child.homeroomTeacher ?? ""
            registerNumber = child.registerNumber ?? ""
            href = FamilyPaths.child(child.studentID)
        }
    }

    struct HomePage: Encodable {
        let layout: Layout
        let name: String
        let children: [ChildCard]
    }

    struct ChildPage: Encodable {
        let layout: Layout
        let child: ChildCard
    }

    struct ActivatePage: Encodable {
        let layout: Layout
        let form: FormState
        let action: String
    }

    struct ContactRow: Encodable {
        let name: String
        let phone: String
        let email: String
        let children: [String]
        let username: String
        let invitedUntil: String
        let inviteAction: String
    }

    struct ContactsPage: Encodable {
        let layout: Layout
        let rows: [ContactRow]
        let canInvite: Bool
    }

    struct InvitationRow: Encodable {
        let name: String
        let phone: String
        let email: String
        let code: String
        let expires: String
    }

    struct InvitationsPage: Encodable {
        let layout: Layout
        let rows: [InvitationRow]
        let activationURL: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("phu-huynh", use: home)
        routes.get("phu-huynh", "con", ":id", use: child)
        routes.get("phu-huynh", "kich-hoat", use: showActivate)
        routes.post("phu-huynh", "kich-hoat", use: activate)
        routes.get("register", "families", use: contacts)
        routes.post("register", "families", ":id", "invite", use: inviteOne)
        routes.post("admissions", "campaigns", ":id", "invite-families", use: inviteConverted)
    }

    // MARK: The parent's pages

    @Sendable func home(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.account.kind == .parent else { return req.redirect(to: Paths.home, redirectType: .normal) }
        let children = try await req.domain.families.children(by: user.caller)
        return try await req.render("family/home", HomePage(layout: req.layout("Con của tôi", active: FamilyPaths.home),
                                                            name: user.account.name.full, children: children.map(ChildCard.init)))
    }

    @Sendable func child(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(StudentID.init) else { throw RecordsError.notFound }
        let child = try await req.domain.families.child(id, by: req.caller())
        return try await req.render("family/child", ChildPage(layout: req.layout(child.name.full, active: FamilyPaths.home), child: ChildCard(child)))
    }

    struct ActivateForm: Content {
        var code: String?
        var contact: String?
        var username: String?
        var password: String?
        var passwordConfirmation: String?
    }

    @Sendable func showActivate(req: Request) async throws -> Response {
        let code = (try? req.query.get(String.self, at: "ma")) ?? ""
        return try await req.render("family/activate", ActivatePage(layout: req.layout("Mở tài khoản phụ huynh"),
                                                                    form: FormState(values: ["code": String(code.prefix(20))]),
                                                                    action: FamilyPaths.activate))
    }

    @Sendable func activate(req: Request) async throws -> Response {
        let form = try req.content.decode(ActivateForm.self)
        let redemption = InvitationRedemption(code: form.code ?? "", contact: form.contact ?? "", username: form.username ?? "",
                                              password: form.password ?? "", passwordConfirmation: form.passwordConfirmation ?? "")
        do {
            _ = try await req.domain.families.redeem(redemption, address: req.clientAddress)
        } catch let problems as FieldProblems {
            let values = ["code": form.code ?? "", "contact": form.contact ?? "", "username": form.username ?? ""]
            return try await req.render("family/activate", ActivatePage(layout: req.layout("Mở tài khoản phụ huynh"),
                                                                        form: FormState(values: values, problems: problems),
                                                                        action: FamilyPaths.activate), status: .unprocessableEntity)
        }
        let result = try await req.domain.sessions.login(username: redemption.username, password: redemption.password,
                                                         address: req.clientAddress, userAgent: req.headers.first(name: .userAgent) ?? "")
        req.storage[RotateCSRFKey.self] = true
        let response = req.redirect(to: FamilyPaths.home, flash: "Đã mở tài khoản. Từ nay anh/chị đăng nhập bằng tên đăng nhập và mật khẩu vừa đặt.")
        response.cookies[SessionMiddleware.cookieName] = SessionMiddleware.cookie(result.token, for: req)
        return response
    }

    // MARK: The clerk's pages

    @Sendable func contacts(req: Request) async throws -> Response {
        let caller = try req.caller()
        let rows = try await req.domain.families.contacts(by: caller).map { contact in
            ContactRow(name: contact.guardian.name.full, phone: contact.guardian.phone, email: contact.guardian.email,
                       children: contact.children, username: contact.username ?? "",
                       invitedUntil: contact.invitationExpiresAt.map(Timestamps.display) ?? "",
                       inviteAction: FamilyPaths.invite(contact.guardian.id))
        }
        return try await req.render("family/contacts", ContactsPage(layout: req.layout("Tài khoản phụ huynh", active: FamilyPaths.contacts),
                                                                    rows: rows, canInvite: caller.may(.writeRegister)))
    }

    func activationURL(_ req: Request) -> String { req.application.config.publicURL + FamilyPaths.activate }

    @Sendable func inviteOne(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(GuardianID.init) else { throw RecordsError.notFound }
        do {
            let invitation = try await FamilyInvitations(database: req.db).invite(id, school: req.school?.name ?? "",
                                                                                  activationURL: activationURL(req), by: req.caller())
            return try await issued(req, [invitation])
        } catch let problems as FieldProblems {
            return req.redirect(to: FamilyPaths.contacts, flash: problems.list.first?.message ?? "", kind: .error)
        }
    }

    @Sendable func inviteConverted(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(CampaignID.init) else { throw RecordsError.notFound }
        do {
            let sent = try await FamilyInvitations(database: req.db).inviteConverted(id, school: req.school?.name ?? "",
                                                                                     activationURL: activationURL(req), by: req.caller())
            return try await issued(req, sent)
        } catch let problems as FieldProblems {
            return req.redirect(to: AdmissionPaths.convert(id), flash: problems.list.first?.message ?? "", kind: .error)
        }
    }

    /// The codes just issued, shown once: for families without a phone or email, to print and hand over.
    func issued(_ req: Request, _ invitations: [ParentInvitation]) async throws -> Response {
        let rows = invitations.map {
            InvitationRow(name: $0.guardian.name.full, phone: $0.guardian.phone, email: $0.guardian.email, code: $0.code,
                          expires: Timestamps.display($0.expiresAt))
        }
        let response = try await req.render("family/invitations", InvitationsPage(
            layout: req.layout("Mã mời phụ huynh", active: FamilyPaths.contacts), rows: rows, activationURL: activationURL(req)))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
