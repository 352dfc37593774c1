import Admissions
import Foundation
import Records

/// Every path of the site, built in one place so links and redirects cannot drift from the routes.
enum Paths {
    static let home = "/"
    static let setup = "/setup"
    static let login = "/login"
    static let loginCode = "/login/code"
    static let logout = "/logout"
    static let account = "/account"
    static let accountPassword = "/account/password"
    static let accountSessions = "/account/sessions"
    static func accountSessionEnd(_ id: SessionID) -> String { "/account/sessions/\(id)/end" }
    static let secondFactor = "/account/second-factor"
    static let secondFactorQR = "/account/second-factor/qr.svg"
    static let secondFactorConfirm = "/account/second-factor/confirm"
    static let secondFactorDisable = "/account/second-factor/disable"
    static let secondFactorCodes = "/account/second-factor/recovery-codes"
    static let staff = "/admin/accounts"
    static let staffNew = "/admin/accounts/new"
    static func staffMember(_ id: AccountID) -> String { "/admin/accounts/\(id)" }
    static func staffAction(_ id: AccountID, _ action: String) -> String { "/admin/accounts/\(id)/\(action)" }
    static let securityPolicy = "/admin/security"
    static let schoolProfile = "/school/profile"
    static let years = "/school/years"
    static let yearsNew = "/school/years/new"
    static func year(_ id: SchoolYearID) -> String { "/school/years/\(id)" }
    static func yearMakeCurrent(_ id: SchoolYearID) -> String { "/school/years/\(id)/make-current" }
    static let classes = "/school/classes"
    static let classesNew = "/school/classes/new"
    static func classes(of year: SchoolYearID) -> String { "/school/classes?year=\(year)" }
    static func classEdit(_ id: ClassID) -> String { "/school/classes/\(id)" }
    static let subjects = "/school/subjects"
    static func subjectsOfGrade(_ grade: Int) -> String { "/school/subjects?grade=\(grade)" }
    static func subject(_ id: SubjectID) -> String { "/school/subjects/\(id)" }
    static let subjectsNew = "/school/subjects/new"
    static let teaching = "/school/teaching"
    static func teachingRemove(_ id: TeachingAssignmentID) -> String { "/school/teaching/\(id)/remove" }
    static let audit = "/audit"
    static let auditCSV = "/audit.csv"
    static let wards = "/units/wards"
}

/// Paths of the admissions pages, staff side.
enum AdmissionPaths {
    static let campaigns = "/admissions"
    static let campaignsNew = "/admissions/campaigns/new"
    static func campaign(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)" }
    static func campaignEdit(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/edit" }
    static func kindergartens(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/kindergartens" }
    static func importList(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/import" }
    static func importCommit(_ batch: UUID) -> String { "/admissions/imports/\(batch.uuidString.lowercased())/commit" }
    static func children(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/children" }
    static func reissue(_ code: RegistrationCode) -> String { "/admissions/codes/\(code.symbols)/reissue" }
    static func report(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/report" }
    static func reportCSV(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/report.csv" }
    static func reportXLSX(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/report.xlsx" }
    static func wipeTrial(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/wipe-trial" }
    static func slips(_ kindergarten: KindergartenID) -> String { "/admissions/kindergartens/\(kindergarten)/slips.pdf" }
    static func handover(_ kindergarten: KindergartenID) -> String { "/admissions/kindergartens/\(kindergarten)/handover" }
    static func handoverRecord(_ id: UUID) -> String { "/admissions/handovers/\(id.uuidString.lowercased())/record.pdf" }
    static let desk = "/admissions/desk"
    static let deskWalkIn = "/admissions/desk/walk-in"
    static func deskCase(_ code: RegistrationCode) -> String { "/admissions/desk/\(code.symbols)" }
    static func deskForm(_ code: RegistrationCode) -> String { "/admissions/desk/\(code.symbols)/form" }
    static func deskMessages(_ code: RegistrationCode) -> String { "/admissions/desk/\(code.symbols)/messages" }
    static func deskUnlock(_ code: RegistrationCode) -> String { "/admissions/desk/\(code.symbols)/unlock" }
    static func deskDocuments(_ code: RegistrationCode) -> String { "/admissions/desk/\(code.symbols)/documents" }
    static let review = "/admissions/review"
    static let outbox = "/admissions/outbox"
    static func draw(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/draw" }
    static func minutes(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/minutes.pdf" }
    static func results(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/results" }
    static func convert(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/convert" }
    static func reviewQueue(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/review" }
    static func reviewApplication(_ id: AdmissionApplicationID) -> String { "/admissions/review/\(id)" }
    static func reviewDocument(_ id: AdmissionApplicationID, _ document: UUID) -> String {
        "/admissions/review/\(id)/documents/\(document.uuidString.lowercased())"
    }
}

/// Paths of the public admissions portal (Vietnamese, as parents read and type them).
enum PortalPaths {
    static let home = "/tuyen-sinh"
    static let application = "/tuyen-sinh/ho-so"
    static let receipt = "/tuyen-sinh/bien-nhan"
    static let logout = "/tuyen-sinh/thoat"
    static let ask = "/tuyen-sinh/hoi"
    static let documents = "/tuyen-sinh/giay-to"
    static let receiptPDF = "/tuyen-sinh/bien-nhan.pdf"
    static let results = "/tuyen-sinh/ket-qua"
    static let confirm = "/tuyen-sinh/xac-nhan"
}

/// Paths of parent accounts: the parent's own pages and the clerk's invitations.
enum FamilyPaths {
    static let home = "/phu-huynh"
    static let activate = "/phu-huynh/kich-hoat"
    static func child(_ id: StudentID) -> String { "/phu-huynh/con/\(id)" }
    static let contacts = "/register/families"
    static func invite(_ id: GuardianID) -> String { "/register/families/\(id)/invite" }
    static func inviteConverted(_ id: CampaignID) -> String { "/admissions/campaigns/\(id)/invite-families" }
}
