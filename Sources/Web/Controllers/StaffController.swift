import Fluent
import Records
import Vapor

/// The admin board's staff accounts: list, create, roles, disable/enable, password reset; the 2FA policy.
struct StaffController: RouteCollection {
    struct NewForm: Content {
        var username: String?
        var family: String?
        var middle: String?
        var given: String?
        var familyLast: String?
        var email: String?
        var phone: String?
        var password: String?
        var roles: [String]?
        var inspectorUntil: String?
    }

    struct RoleForm: Content {
        var role: String?
        var inspectorUntil: String?
    }

    struct ResetForm: Content {
        var password: String?
    }

    struct PolicyForm: Content {
        var required: String?
    }

    struct StaffRow: Encodable {
        let href: String
        let username: String
        let name: String
        let roles: String
        let disabled: Bool
        let secondFactor: Bool
    }

    struct ListPage: Encodable {
        let layout: Layout
        let staff: [StaffRow]
        let requireSecondFactor: Bool
        let canSetPolicy: Bool
    }

    struct RoleChoice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct NewPage: Encodable {
        let layout: Layout
        let form: FormState
        let roles: [RoleChoice]
    }

    struct HeldRole: Encodable {
        let value: String
        let label: String
        let until: String?
    }

    struct DetailPage: Encodable {
        let layout: Layout
        let id: String
        let username: String
        let name: String
        let email: String
        let phone: String
        let disabled: Bool
        let secondFactor: Bool
        let mustChangePassword: Bool
        let held: [HeldRole]
        let grantable: [RoleChoice]
        let form: FormState
        let paths: [String: String]
    }

    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.grouped("admin", "accounts")
        staff.get(use: list)
        staff.get("new", use: new)
        staff.post("new", use: create)
        staff.get(":id", use: detail)
        staff.post(":id", "roles", use: grantRole)
        staff.post(":id", "revoke", use: revokeRole)
        staff.post(":id", "disable", use: disable)
        staff.post(":id", "enable", use: enable)
        staff.post(":id", "reset-password", use: resetPassword)
        routes.post("admin", "security", use: setPolicy)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let caller = try req.caller()
        try caller.require(.manageAccounts)
        let accounts = try await req.domain.accounts.list(by: caller)
        let roles = Dictionary(grouping: try await req.domain.roles.currentAssignments(by: caller), by: \.accountID)
        let rows = accounts.map { account in
            StaffRow(href: Paths.staffMember(account.id), username: account.username, name: account.name.full,
                     roles: (roles[account.id] ?? []).map(\.role).sorted().map(\.label).joined(separator: ", "),
                     disabled: account.isDisabled, secondFactor: account.secondFactorEnabled)
        }
        return try await req.render("staff/list", ListPage(layout: req.layout("Cán bộ", active: Paths.staff), staff: rows,
                                                           requireSecondFactor: req.school?.requireSecondFactor ?? false,
                                                           canSetPolicy: caller.may(.manageSecurityPolicy)))
    }

    func choices(_ caller: Caller, checked: Set<String>) -> [RoleChoice] {
        Role.allCases.filter { caller.may(.grantRole($0)) }
            .map { RoleChoice(value: $0.rawValue, label: $0.label, checked: checked.contains($0.rawValue)) }
    }

    @Sendable func new(req: Request) async throws -> Response {
        let caller = try req.caller()
        try caller.require(.manageAccounts)
        return try await req.render("staff/new", NewPage(layout: req.layout("Thêm cán bộ", active: Paths.staff), form: FormState(),
                                                         roles: choices(caller, checked: [Role.teacher.rawValue])))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let caller = try req.caller()
        try caller.require(.manageAccounts)
        let form = try req.content.decode(NewForm.self)
        let roles = (form.roles ?? []).compactMap(Role.init(rawValue:))
        let new = NewAccount(
            username: form.username ?? "",
            name: PersonName(family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? "",
                             familyLast: FormInput.checked(form.familyLast)),
            email: form.email ?? "", phone: form.phone ?? "", password: form.password ?? "", roles: roles,
            inspectorUntil: FormInput.date(form.inspectorUntil))
        do {
            let account = try await req.domain.accounts.create(new, by: caller)
            return req.redirect(to: Paths.staffMember(account.id), flash: "Đã tạo tài khoản \(account.username).")
        } catch let problems as FieldProblems {
            let values = ["username": form.username ?? "", "family": form.family ?? "", "middle": form.middle ?? "",
                          "given": form.given ?? "", "familyLast": form.familyLast ?? "", "email": form.email ?? "",
                          "phone": form.phone ?? "", "inspectorUntil": form.inspectorUntil ?? ""]
            return try await req.render("staff/new", NewPage(layout: req.layout("Thêm cán bộ", active: Paths.staff),
                                                             form: FormState(values: values, problems: problems),
                                                             roles: choices(caller, checked: Set(form.roles ?? []))),
                                        status: .unprocessableEntity)
        }
    }

    func detailPage(_ req: Request, _ id: AccountID, form: FormState = FormState()) async throws -> DetailPage {
        let caller = try req.caller()
        try caller.require(.manageAccounts)
        let account = try await req.domain.accounts.get(id, by: caller)
        let held = try await req.domain.roles.currentAssignments(by: caller).filter { $0.accountID == id }
        let heldRoles = Set(held.map(\.role))
        return DetailPage(
            layout: req.layout(account.name.full, active: Paths.staff), id: id.description, username: account.username,
            name: account.name.full, email: account.email, phone: account.phone, disabled: account.isDisabled,
            secondFactor: account.secondFactorEnabled, mustChangePassword: account.mustChangePassword,
            held: held.sorted { $0.role < $1.role }.map { HeldRole(value: $0.role.rawValue, label: $0.role.label, until: $0.validUntil?.display) },
            grantable: choices(caller, checked: []).filter { !heldRoles.contains(Role(rawValue: $0.value)!) || $0.value == Role.inspector.rawValue },
            form: form,
            paths: ["roles": Paths.staffAction(id, "roles"), "revoke": Paths.staffAction(id, "revoke"),
                    "disable": Paths.staffAction(id, "disable"), "enable": Paths.staffAction(id, "enable"),
                    "reset": Paths.staffAction(id, "reset-password")])
    }

    func accountID(_ req: Request) throws -> AccountID {
        guard let id = req.parameters.get("id").flatMap(AccountID.init) else { throw RecordsError.notFound }
        return id
    }

    @Sendable func detail(req: Request) async throws -> Response {
        try await req.render("staff/detail", detailPage(req, accountID(req)))
    }

    @Sendable func grantRole(req: Request) async throws -> Response {
        let id = try accountID(req)
        let form = try req.content.decode(RoleForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else {
            return try await req.render("staff/detail", detailPage(req, id, form: FormState(problems: FieldProblems("role", "Vui lòng chọn vai trò."))),
                                        status: .unprocessableEntity)
        }
        do {
            try await req.domain.roles.grant(role, to: id, until: FormInput.date(form.inspectorUntil), by: req.caller())
        } catch let problems as FieldProblems {
            return try await req.render("staff/detail", detailPage(req, id, form: FormState(values: ["inspectorUntil": form.inspectorUntil ?? ""],
                                                                                          problems: problems)),
                                        status: .unprocessableEntity)
        }
        return req.redirect(to: Paths.staffMember(id), flash: "Đã giao vai trò \(role.label).")
    }

    @Sendable func revokeRole(req: Request) async throws -> Response {
        let id = try accountID(req)
        let form = try req.content.decode(RoleForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw RecordsError.notFound }
        try await req.domain.roles.revoke(role, from: id, by: req.caller())
        return req.redirect(to: Paths.staffMember(id), flash: "Đã thu hồi vai trò \(role.label).")
    }

    @Sendable func disable(req: Request) async throws -> Response {
        let id = try accountID(req)
        let account = try await req.domain.accounts.setDisabled(id, true, by: req.caller())
        return req.redirect(to: Paths.staffMember(id), flash: "Đã khoá tài khoản \(account.username). Các phiên đăng nhập của tài khoản đã kết thúc.")
    }

    @Sendable func enable(req: Request) async throws -> Response {
        let id = try accountID(req)
        let account = try await req.domain.accounts.setDisabled(id, false, by: req.caller())
        return req.redirect(to: Paths.staffMember(id), flash: "Đã mở lại tài khoản \(account.username).")
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let id = try accountID(req)
        let form = try req.content.decode(ResetForm.self)
        do {
            try await req.domain.accounts.resetPassword(id, to: form.password ?? "", by: req.caller())
        } catch let problems as FieldProblems {
            return try await req.render("staff/detail", detailPage(req, id, form: FormState(problems: problems)), status: .unprocessableEntity)
        }
        return req.redirect(to: Paths.staffMember(id), flash: "Đã đặt lại mật khẩu. Người dùng phải đổi mật khẩu khi đăng nhập lần sau.")
    }

    @Sendable func setPolicy(req: Request) async throws -> Response {
        let form = try req.content.decode(PolicyForm.self)
        let required = FormInput.checked(form.required)
        try await req.domain.school.setRequireSecondFactor(required, by: req.caller())
        return req.redirect(to: Paths.staff, flash: required ? "Từ nay mọi cán bộ phải dùng xác thực hai lớp." : "Đã bỏ yêu cầu xác thực hai lớp.")
    }
}
