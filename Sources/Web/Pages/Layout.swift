import Admissions
import LeafKit
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
    var csrf: String
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
    let staffXLSX = Site.staffXLSX()
    let staffImport = Site.staffImport()
    let staffImportTemplate = Site.staffImportTemplate()
    let staffImportCheck = Site.staffImportCheck()
    let staffImportCommit = Site.staffImportCommit()
    let securityPolicy = Site.securityPolicy()
    let audit = Site.audit()
    let schoolProfile = Site.schoolProfile()
    let years = Site.years()
    let yearsNew = Site.yearsNew()
    let rollOver = Site.rollOver()
    let pupils = Site.pupils()
    let classes = Site.classes()
    let subjects = Site.subjects()
    let teaching = Site.teaching()
    let rulebooks = Site.rulebooks()
    let assessmentWindows = Site.assessmentWindows()
    let assessmentRelease = Site.assessmentRelease()
    let assessmentProgress = Site.assessmentProgress()
    let phrases = Site.phrases()
    let verifyForm = Site.verifyForm()
    let contacts = Site.contacts()
    let contactsXLSX = Site.contactsXLSX()
    let familyHome = Site.familyHome()
    let familyChannels = Site.familyChannels()
    let campaigns = Site.campaigns()
    let campaignsNew = Site.campaignsNew()
    let outbox = Site.outbox()
    let desk = Site.desk()
    let deskWalkIn = Site.deskWalkIn()
    let deskQuestions = Site.deskQuestions()
    let portal = Site.portal()
    let portalEdit = Site.portalApplication(query: ["sua": "1"])
    let portalLogout = Site.portalLogout()
    let portalAsk = Site.portalAsk()
    let portalConfirm = Site.portalConfirm()
    let portalResults = Site.portalResults()
    let portalReceiptPDF = Site.portalReceiptPDF()
    let stylesheet = Assets.stylesheet
    let script = Assets.script
    let gridScript = Assets.gridScript
    let fonts = Assets.fonts
    let favicon = Assets.favicon
}

extension SiteLinks: LeafDataRepresentable {
    /// The links as Leaf reads them, made once: they never change while hoso runs, and encoding some sixty strings
    /// again for every page was a measurable part of rendering one (issue 15).
    static let leafData: LeafData = {
        var links: [String: LeafData] = [:]
        for child in Mirror(reflecting: SiteLinks.shared).children {
            guard let label = child.label else { continue }
            if let text = child.value as? String {
                links[label] = .string(text)
            } else if let list = child.value as? [String] {
                links[label] = .array(list.map { .string($0) })
            } else {
                preconditionFailure("SiteLinks.\(label) is neither a link nor a list of links")
            }
        }
        return .dictionary(links)
    }()

    var leafData: LeafData { Self.leafData }
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
            let items: [(String, String)] = caller.isParent ? [("Con của tôi", Site.familyHome())] : Self.menu(for: caller)
            nav = items.map { Layout.NavItem(label: $0.0, href: $0.1, active: $0.1 == active) }
        }
        return Layout(
            title: title, schoolName: school?.name,
            user: user.map { Layout.User(displayName: $0.account.name.full, roleSummary: $0.caller.roleLabel) },
            nav: nav, flash: takeFlash(), csrf: csrfToken,
            yearLabel: storage[CurrentYearLabelKey.self].map { "Năm học \($0)" })
    }
}

extension Request {
    /// What each role uses, and nothing else: set-up for those who keep the school, the desk for the desk, the council
    /// for its members, the register for the clerk and the principal. Every page not listed is reached from the home
    /// page or from the page it belongs to.
    static func menu(for caller: Caller) -> [(String, String)] {
        let roles = caller.grants.roles
        let teaches = !caller.grants.homeroomClasses.isEmpty || !caller.grants.teaching.isEmpty
        var items: [(String, String)] = [("Trang chủ", Site.home())]
        if caller.may(.manageSchool) || caller.may(.readRegister) || teaches { items.append(("Lớp học", Site.classes())) }
        if caller.may(.manageSchool) { items.append(("Thiết lập trường", Site.schoolProfile())) }
        if caller.may(.manageAdmissions) || caller.may(.admissionLists) || roles.contains(.inspector) {
            items.append(("Tuyển sinh", Site.campaigns()))
        }
        if !roles.isDisjoint(with: [.onDutyStaff, .clerk, .councilChair]) { items.append(("Thường trực", Site.desk())) }
        if !roles.isDisjoint(with: [.councilMember, .councilChair]) {
            items.append(("Hội đồng", Site.review()))
        } else if caller.may(.readApplications) {
            items.append(("Hồ sơ tuyển sinh", Site.review()))
        }
        if caller.may(.approveCorrections) || caller.may(.writeRegister) { items.append(("Sổ đăng bộ", Site.corrections())) }
        // Parents' accounts are reached from the contact book by those who use it.
        if ContactController.uses(caller) {
            items.append(("Sổ liên lạc", Site.contactBook()))
        } else if caller.may(.writeRegister) || roles.contains(.inspector) {
            items.append(("Phụ huynh", Site.contacts()))
        }
        if caller.may(.manageAccounts) { items.append(("Cán bộ", Site.staff())) }
        if caller.may(.viewAudit) { items.append(("Nhật ký", Site.audit())) }
        return items
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
