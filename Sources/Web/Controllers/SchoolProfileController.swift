import Fluent
import Records
import Vapor

/// The school profile: name, code, address (province and commune/ward after the 2025 reform), contacts.
struct SchoolProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.schoolProfile, use: show)
        routes.post(Site.schoolProfile, use: update)
    }

    func page(_ req: Request, values: [String: String], problems: FieldProblems = .init()) throws -> SchoolProfilePages.Page {
        let caller = try req.caller()
        try req.domain.school.authorizeViewing(by: caller)
        let units = AdminUnits.shared
        let province = values["provinceCode"] ?? ""
        return SchoolProfilePages.Page(
            layout: req.layout("Thông tin trường", active: Site.schoolProfile()), canEdit: caller.may(.manageSchool),
            form: FormState(values: values, problems: problems),
            provinces: units.provinces.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == province) },
            wards: units.wards(of: province).map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == values["wardCode"]) },
            provinceName: units.province(province)?.name ?? "", wardName: units.ward(values["wardCode"] ?? "")?.name ?? "")
    }

    static func values(_ p: SchoolProfile) -> [String: String] {
        [
            "name": p.name, "code": p.code, "provinceCode": p.provinceCode, "wardCode": p.wardCode, "addressLine": p.addressLine,
            "phone": p.phone, "email": p.email, "principalName": p.principalName,
        ]
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let profile = try await req.domain.school.profile() else { throw RecordsError.notSetUp }
        var values = Self.values(profile)
        // Without JavaScript, choosing a province and pressing "Chọn" reloads the ward list for it.
        if let province = try? req.query.get(String.self, at: "provinceCode"), AdminUnits.shared.province(province) != nil {
            values["provinceCode"] = province
            values["wardCode"] = ""
        }
        return try await req.render("school/profile", page(req, values: values))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let form = try req.content.decode(SchoolProfilePages.Form.self)
        let profile = SchoolProfile(
            name: form.name ?? "", code: form.code ?? "", provinceCode: form.provinceCode ?? "",
            wardCode: form.wardCode ?? "", addressLine: form.addressLine ?? "", phone: form.phone ?? "",
            email: form.email ?? "", principalName: form.principalName ?? "")
        do {
            try await req.domain.school.updateProfile(profile, by: req.caller())
        } catch let problems as FieldProblems {
            return try await req.render(
                "school/profile", page(req, values: Self.values(profile), problems: problems), status: .unprocessableEntity)
        }
        return req.redirect(to: Site.schoolProfile(), flash: "Đã lưu thông tin trường.")
    }
}
