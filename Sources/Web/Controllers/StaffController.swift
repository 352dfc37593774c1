import Documents
import Fluent
import Records
import Vapor

/// The admin board's staff accounts: list, create, roles, disable/enable, password reset; the 2FA policy.
struct StaffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.staff, use: list)
        routes.get(Site.staffXLSX, use: xlsx)
        routes.get(Site.staffNew, use: new)
        routes.post(Site.staffNew, use: create)
        routes.get(Site.staffMember, use: detail)
        routes.post(Site.staffRoles, use: grantRole)
        routes.post(Site.staffRevoke, use: revokeRole)
        routes.post(Site.staffDisable, use: disable)
        routes.post(Site.staffEnable, use: enable)
        routes.post(Site.staffResetPassword, use: resetPassword)
        routes.post(Site.securityPolicy, use: setPolicy)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.accounts.authorizeManaging(by: caller)
        let accounts = try await req.domain.accounts.list(by: caller)
        let roles = Dictionary(grouping: try await req.domain.roles.currentAssignments(by: caller), by: \.accountID)
        let rows = accounts.map { account in
            StaffPages.StaffRow(
                href: Site.staffMember(account.id), username: account.username, name: account.name.full,
                roles: (roles[account.id] ?? []).map(\.role).sorted().map(\.label).joined(separator: ", "),
                disabled: account.isDisabled, awaitingPassword: account.awaitingPassword, secondFactor: account.secondFactorEnabled)
        }
        return try await req.render(
            "staff/list",
            StaffPages.ListPage(
                layout: req.layout("Cán bộ", active: Site.staff()), staff: rows,
                requireSecondFactor: req.school?.requireSecondFactor ?? false,
                canSetPolicy: caller.may(.manageSecurityPolicy)))
    }

    /// Every staff account as Excel: username, name, roles this year, email, phone, state.
    @Sendable func xlsx(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.accounts.authorizeManaging(by: caller)
        let accounts = try await req.domain.accounts.list(by: caller)
        let roles = Dictionary(grouping: try await req.domain.roles.currentAssignments(by: caller), by: \.accountID)
        let rows: [[XLSXCell]] = accounts.enumerated().map { index, account in
            [
                .integer(index + 1), .text(account.name.full), .text(account.username),
                .text((roles[account.id] ?? []).map(\.role).sorted().map(\.label).joined(separator: ", ")),
                .text(account.email), .text(account.phone),
                .text(account.awaitingPassword ? "Chờ đặt mật khẩu" : account.isDisabled ? "Đã khoá" : "Hoạt động"),
                .text(account.secondFactorEnabled ? "Có" : "Không"),
            ]
        }
        return try await XLSXResponse.sheet(
            "can-bo.xlsx", name: "Cán bộ",
            header: ["STT", "Họ và tên", "Tên đăng nhập", "Vai trò năm học này", "Email", "Điện thoại", "Trạng thái", "Xác thực hai lớp"],
            rows: rows, on: req)
    }

    func choices(_ caller: Caller, checked: Set<String>) -> [StaffPages.RoleChoice] {
        Role.allCases.filter { caller.may(.grantRole($0)) }
            .map { StaffPages.RoleChoice(value: $0.rawValue, label: $0.label, checked: checked.contains($0.rawValue)) }
    }

    @Sendable func new(req: Request) async throws -> Response {
        let caller = try req.caller()
        try req.domain.accounts.authorizeManaging(by: caller)
        return try await req.render(
            "staff/new",
            StaffPages.NewPage(
                layout: req.layout("Thêm cán bộ", active: Site.staff()), form: FormState(),
                roles: choices(caller, checked: [Role.teacher.rawValue])))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(StaffPages.NewForm.self)
        let roles = (form.roles ?? []).compactMap(Role.init(rawValue:))
        let new = NewAccount(
            username: form.username ?? "",
            name: PersonName(
                family: form.family ?? "", middle: form.middle ?? "", given: form.given ?? "",
                familyLast: FormInput.checked(form.familyLast)),
            email: form.email ?? "", phone: form.phone ?? "", password: form.password ?? "", roles: roles,
            inspectorUntil: FormInput.date(form.inspectorUntil))
        do {
            let account = try await req.domain.accounts.create(new, by: caller)
            return req.redirect(to: Site.staffMember(account.id), flash: "Đã tạo tài khoản \(account.username).")
        } catch let problems as FieldProblems {
            let values = [
                "username": form.username ?? "", "family": form.family ?? "", "middle": form.middle ?? "",
                "given": form.given ?? "", "familyLast": form.familyLast ?? "", "email": form.email ?? "",
                "phone": form.phone ?? "", "inspectorUntil": form.inspectorUntil ?? "",
            ]
            return try await req.render(
                "staff/new",
                StaffPages.NewPage(
                    layout: req.layout("Thêm cán bộ", active: Site.staff()),
                    form: FormState(values: values, problems: problems),
                    roles: choices(caller, checked: Set(form.roles ?? []))),
                status: .unprocessableEntity)
        }
    }

    func detailPage(_ req: Request, _ id: AccountID, form: FormState = FormState()) async throws -> StaffPages.DetailPage {
        let caller = try req.caller()
        try req.domain.accounts.authorizeManaging(by: caller)
        let account = try await req.domain.accounts.get(id, by: caller)
        let held = try await req.domain.roles.currentAssignments(by: caller).filter { $0.accountID == id }
        let heldRoles = Set(held.map(\.role))
        return StaffPages.DetailPage(
            layout: req.layout(account.name.full, active: Site.staff()), id: id.description, username: account.username,
            name: account.name.full, email: account.email, phone: account.phone, disabled: account.isDisabled,
            secondFactor: account.secondFactorEnabled, mustChangePassword: account.mustChangePassword,
            held: held.sorted { $0.role < $1.role }.map {
                StaffPages.HeldRole(value: $0.role.rawValue, label: $0.role.label, until: $0.validUntil?.display)
            },
            grantable: choices(caller, checked: []).filter {
                !heldRoles.contains(Role(rawValue: $0.value)!) || $0.value == Role.inspector.rawValue
            },
            form: form,
            paths: [
                "roles": Site.staffRoles(id), "revoke": Site.staffRevoke(id),
                "disable": Site.staffDisable(id), "enable": Site.staffEnable(id),
                "reset": Site.staffResetPassword(id),
            ])
    }

    func accountID(_ req: Request) throws -> AccountID {
        let id = try req.pathValue(AccountID.self)
        return id
    }

    @Sendable func detail(req: Request) async throws -> Response {
        try await req.render("staff/detail", detailPage(req, accountID(req)))
    }

    @Sendable func grantRole(req: Request) async throws -> Response {
        let id = try accountID(req)
        let form = try req.content.decode(StaffPages.RoleForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else {
            return try await req.render(
                "staff/detail", detailPage(req, id, form: FormState(problems: FieldProblems("role", "Vui lòng chọn vai trò."))),
                status: .unprocessableEntity)
        }
        do {
            try await req.domain.roles.grant(role, to: id, until: FormInput.date(form.inspectorUntil), by: req.caller())
        } catch let problems as FieldProblems {
            return try await req.render(
                "staff/detail",
                detailPage(
                    req, id,
                    form: FormState(
                        values: ["inspectorUntil": form.inspectorUntil ?? ""],
                        problems: problems)),
                status: .unprocessableEntity)
        }
        return req.redirect(to: Site.staffMember(id), flash: "Đã giao vai trò \(role.label).")
    }

    @Sendable func revokeRole(req: Request) async throws -> Response {
        let id = try accountID(req)
        let form = try req.content.decode(StaffPages.RoleForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw RecordsError.notFound }
        try await req.domain.roles.revoke(role, from: id, by: req.caller())
        return req.redirect(to: Site.staffMember(id), flash: "Đã thu hồi vai trò \(role.label).")
    }

    @Sendable func disable(req: Request) async throws -> Response {
        let id = try accountID(req)
        let account = try await req.domain.accounts.setDisabled(id, true, by: req.caller())
        return req.redirect(
            to: Site.staffMember(id), flash: "Đã khoá tài khoản \(account.username). Các phiên đăng nhập của tài khoản đã kết thúc.")
    }

    @Sendable func enable(req: Request) async throws -> Response {
        let id = try accountID(req)
        let account = try await req.domain.accounts.setDisabled(id, false, by: req.caller())
        return req.redirect(to: Site.staffMember(id), flash: "Đã mở lại tài khoản \(account.username).")
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let id = try accountID(req)
        let form = try req.content.decode(StaffPages.ResetForm.self)
        do {
            try await req.domain.accounts.resetPassword(id, to: form.password ?? "", by: req.caller())
        } catch let problems as FieldProblems {
            return try await req.render(
                "staff/detail", detailPage(req, id, form: FormState(problems: problems)), status: .unprocessableEntity)
        }
        return req.redirect(to: Site.staffMember(id), flash: "Đã đặt lại mật khẩu. Người dùng phải đổi mật khẩu khi đăng nhập lần sau.")
    }

    @Sendable func setPolicy(req: Request) async throws -> Response {
        let form = try req.content.decode(StaffPages.PolicyForm.self)
        let required = FormInput.checked(form.required)
        try await req.domain.school.setRequireSecondFactor(required, by: req.caller())
        return req.redirect(
            to: Site.staff(), flash: required ? "Từ nay mọi cán bộ phải dùng xác thực hai lớp." : "Đã bỏ yêu cầu xác thực hai lớp.")
    }
}
