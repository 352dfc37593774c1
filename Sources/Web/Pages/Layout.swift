import Records
import Vapor

/// What the shared layout template needs on every page.
struct Layout: Encodable {
    struct User: Encodable {
        let displayName: String
        let roleSummary: String
    }

    struct NavItem: Encodable {
        let label: String
        let href: String
        let active: Bool
    }

    let title: String
    let schoolName: String?
    let user: User?
    let nav: [NavItem]
    let flash: Flash?
    let csrf: String
    let yearLabel: String?
}

/// A one‑time message shown after a redirect.
struct Flash: Codable {
    enum Kind: String, Codable { case success, error, info }
    let kind: Kind
    let message: String
}

extension Request {
    /// The layout for a page titled `title`, with the navigation item at `active` highlighted.
    func layout(_ title: String, active: String? = nil) -> Layout {
        let user = self.user.flatMap { $0.session.stage == .active ? $0 : nil }
        var nav: [Layout.NavItem] = []
        if let user {
            let caller = user.caller
            var items: [(String, String)] = caller.isParent ? [("Con của tôi", FamilyPaths.home)] : [("Trang chủ", Paths.home)]
            if caller.may(.viewSchool) {
                items += [("Lớp học", Paths.classes), ("Môn học", Paths.subjects), ("Phân công", Paths.teaching),
                          ("Năm học", Paths.years), ("Thông tin trường", Paths.schoolProfile)]
            }
            if caller.may(.viewAdmissions) { items.append(("Tuyển sinh", AdmissionPaths.campaigns)) }
            if caller.may(.admissionDesk) { items.append(("Thường trực", AdmissionPaths.desk)) }
            if caller.may(.reviewApplications) { items.append(("Hội đồng", AdmissionPaths.review)) }
            if caller.may(.admissionLists) { items.append(("Hộp thư đi", AdmissionPaths.outbox)) }
            if caller.may(.approveCorrections) || caller.may(.writeRegister) { items.append(("Sổ đăng bộ", "/register/corrections")) }
            if caller.may(.readRegister) { items.append(("Phụ huynh", FamilyPaths.contacts)) }
            if caller.may(.manageAccounts) { items.append(("Cán bộ", Paths.staff)) }
            if caller.may(.viewAudit) { items.append(("Nhật ký", Paths.audit)) }
            nav = items.map { Layout.NavItem(label: $0.0, href: $0.1, active: $0.1 == active) }
        }
        return Layout(
            title: title, schoolName: school?.name,
            user: user.map { Layout.User(displayName: $0.account.name.full, roleSummary: $0.caller.roleLabel) },
            nav: nav, flash: takeFlash(), csrf: csrfToken,
            yearLabel: storage[CurrentYearLabelKey.self].map { "Năm học \($0)" })
    }
}

struct CurrentYearLabelKey: StorageKey { typealias Value = String }
