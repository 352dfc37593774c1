import Admissions
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
    var flash: Flash?
    let csrf: String
    var yearLabel: String?
    let links = SiteLinks.shared
}

/// The site's fixed links as templates read them (`#(layout.links.login)`), all taken from the route table and the
/// static files: no template writes a path of its own.
struct SiteLinks: Encodable, Sendable {
    static let shared = SiteLinks()

    let home = Site.home()
    let setup = Site.setup()
    let wards = Site.wards()
    let login = Site.login()
    let loginCode = Site.loginCode()
    let logout = Site.logout()
    let account = Site.account()
    let accountPassword = Site.accountPassword()
    let secondFactor = Site.secondFactor()
    let secondFactorConfirm = Site.secondFactorConfirm()
    let secondFactorDisable = Site.secondFactorDisable()
    let secondFactorCodes = Site.secondFactorCodes()
    let staff = Site.staff()
    let staffNew = Site.staffNew()
    let securityPolicy = Site.securityPolicy()
    let audit = Site.audit()
    let schoolProfile = Site.schoolProfile()
    let years = Site.years()
    let yearsNew = Site.yearsNew()
    let classes = Site.classes()
    let subjects = Site.subjects()
    let teaching = Site.teaching()
    let contacts = Site.contacts()
    let familyHome = Site.familyHome()
    let campaigns = Site.campaigns()
    let campaignsNew = Site.campaignsNew()
    let outbox = Site.outbox()
    let desk = Site.desk()
    let deskWalkIn = Site.deskWalkIn()
    let portal = Site.portal()
    let portalEdit = Site.portalApplication(query: ["sua": "1"])
    let portalLogout = Site.portalLogout()
    let portalAsk = Site.portalAsk()
    let portalConfirm = Site.portalConfirm()
    let portalResults = Site.portalResults()
    let portalReceiptPDF = Site.portalReceiptPDF()
    let stylesheet = Assets.stylesheet
    let script = Assets.script
    let font = Assets.font
    let favicon = Assets.favicon
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
            var items: [(String, String)] = caller.isParent ? [("Con của tôi", Site.familyHome())] : [("Trang chủ", Site.home())]
            if caller.may(.viewSchool) {
                items += [
                    ("Lớp học", Site.classes()), ("Môn học", Site.subjects()), ("Phân công", Site.teaching()),
                    ("Năm học", Site.years()), ("Thông tin trường", Site.schoolProfile()),
                ]
            }
            if caller.may(.viewAdmissions) { items.append(("Tuyển sinh", Site.campaigns())) }
            if caller.may(.admissionDesk) { items.append(("Thường trực", Site.desk())) }
            if caller.may(.reviewApplications) { items.append(("Hội đồng", Site.review())) }
            if caller.may(.admissionLists) { items.append(("Hộp thư đi", Site.outbox())) }
            if caller.may(.approveCorrections) || caller.may(.writeRegister) { items.append(("Sổ đăng bộ", Site.corrections())) }
            if caller.may(.readRegister) { items.append(("Phụ huynh", Site.contacts())) }
            if caller.may(.manageAccounts) { items.append(("Cán bộ", Site.staff())) }
            if caller.may(.viewAudit) { items.append(("Nhật ký", Site.audit())) }
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

extension Request {
    /// The layout of a page of the parents' portal: its header names the school year the campaign admits to, not the
    /// school's current year.
    func portalLayout(_ title: String, campaign: Campaign?) -> Layout {
        var page = layout(title)
        if let campaign { page.yearLabel = "Tuyển sinh năm học \(campaign.schoolYearName)" }
        return page
    }
}
