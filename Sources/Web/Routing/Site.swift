import Admissions
import Foundation
import Records

/// The route table: every path of the site, registered and linked through these values only.
/// Staff pages are under English paths, the pages parents read and type under Vietnamese ones.
enum Site {
    static let home = FixedPath("/")
    static let healthz = FixedPath("/healthz")
    static let setup = FixedPath("/setup")
    static let wards = FixedPath("/units/wards")

    static let login = FixedPath("/login")
    static let loginCode = FixedPath("/login/code")
    static let logout = FixedPath("/logout")

    static let account = FixedPath("/account")
    static let accountPassword = FixedPath("/account/password")
    static let accountSessionEnd = SitePath<SessionID>("/account/sessions/:id/end")
    static let secondFactor = FixedPath("/account/second-factor")
    static let secondFactorQR = FixedPath("/account/second-factor/qr.svg")
    static let secondFactorConfirm = FixedPath("/account/second-factor/confirm")
    static let secondFactorDisable = FixedPath("/account/second-factor/disable")
    static let secondFactorCodes = FixedPath("/account/second-factor/recovery-codes")

    static let staff = FixedPath("/admin/accounts")
    static let staffXLSX = FixedPath("/admin/accounts.xlsx")
    static let staffNew = FixedPath("/admin/accounts/new")
    static let staffImport = FixedPath("/admin/accounts/import")
    static let staffImportTemplate = FixedPath("/admin/accounts/import/mau-nhap-can-bo.xlsx")
    static let staffImportCheck = FixedPath("/admin/accounts/import/check")
    static let staffImportCommit = FixedPath("/admin/accounts/import/commit")
    static let staffMember = SitePath<AccountID>("/admin/accounts/:id")
    static let staffRoles = SitePath<AccountID>("/admin/accounts/:id/roles")
    static let staffRevoke = SitePath<AccountID>("/admin/accounts/:id/revoke")
    static let staffDisable = SitePath<AccountID>("/admin/accounts/:id/disable")
    static let staffEnable = SitePath<AccountID>("/admin/accounts/:id/enable")
    static let staffResetPassword = SitePath<AccountID>("/admin/accounts/:id/reset-password")
    static let securityPolicy = FixedPath("/admin/security")
    static let backups = FixedPath("/admin/backups")

    static let audit = FixedPath("/audit")
    static let auditCSV = FixedPath("/audit.csv")
    static let auditXLSX = FixedPath("/audit.xlsx")
}

/// The school's structure: profile, years, classes, subjects, teaching.
extension Site {
    /// The folders whose pages change the school profile or the current year.
    static let schoolArea = FixedPath("/school")
    static let adminArea = FixedPath("/admin")
    static let schoolProfile = FixedPath("/school/profile")
    static let years = FixedPath("/school/years")
    static let yearsNew = FixedPath("/school/years/new")
    static let year = SitePath<SchoolYearID>("/school/years/:id")
    static let yearMakeCurrent = SitePath<SchoolYearID>("/school/years/:id/make-current")
    static let classes = FixedPath("/school/classes")
    static let classesNew = FixedPath("/school/classes/new")
    static let classEdit = SitePath<ClassID>("/school/classes/:id")
    static let subjects = FixedPath("/school/subjects")
    static let subjectsNew = FixedPath("/school/subjects/new")
    static let subject = SitePath<SubjectID>("/school/subjects/:id")
    static let teaching = FixedPath("/school/teaching")
    static let rulebooks = FixedPath("/school/rulebooks")
    static let assessmentWindows = FixedPath("/school/assessment")
    static let assessmentRelease = FixedPath("/school/assessment/release")
    static let assessmentProgress = FixedPath("/school/assessment/progress")
    static let phrases = FixedPath("/school/assessment/phrases")
    static let phraseRemove = SitePath<UUID>("/school/assessment/phrases/:id/remove")
    static let subjectGrid = SitePath<ClassID, SubjectID>("/school/classes/:id/subjects/:subject/assessment")
    static let subjectGridDone = SitePath<ClassID, SubjectID>("/school/classes/:id/subjects/:subject/assessment/done")
    static let subjectGridUnlock = SitePath<ClassID, SubjectID>("/school/classes/:id/subjects/:subject/assessment/unlock")
    static let subjectGridXLSX = SitePath<ClassID, SubjectID>("/school/classes/:id/subjects/:subject/assessment.xlsx")
    static let subjectGridUpload = SitePath<ClassID, SubjectID>("/school/classes/:id/subjects/:subject/assessment/upload")
    static let unlockDecide = SitePath<UUID>("/school/assessment/unlocks/:id")
    static let homeroomGrid = SitePath<ClassID>("/school/classes/:id/assessment")
    static let yearResults = SitePath<ClassID>("/school/classes/:id/results")
    static let yearEndNominate = SitePath<ClassID, StudentID>("/school/classes/:id/results/:student/nominate")
    static let yearEndNomination = SitePath<ClassID, StudentID>("/school/classes/:id/results/:student/nomination")
    static let yearEndSupport = SitePath<ClassID, StudentID>("/school/classes/:id/results/:student/support")
    static let yearEndRetest = SitePath<ClassID, StudentID>("/school/classes/:id/results/:student/retest")
    static let yearEndDecision = SitePath<ClassID, StudentID>("/school/classes/:id/results/:student/decision")
    static let transcriptPDF = SitePath<ClassID, StudentID>("/school/classes/:id/hoc-ba/:student")
    static let transcriptSign = SitePath<ClassID>("/school/classes/:id/hoc-ba/sign")
    /// The public verification of issued documents: a form for the code, and one document's page.
    static let verifyForm = FixedPath("/xac-minh")
    static let verifyDocument = SitePath<VerificationCode>("/xac-minh/:code")
    /// The school's trial CA certificate, public, to import as trusted.
    static let trustedCertificate = FixedPath("/xac-minh/chung-thu-goc.pem")
    /// The school's keys: the trial CA, the seal, trial certificates for the staff.
    static let signing = FixedPath("/school/signing")
    static let signingTrialCA = FixedPath("/school/signing/trial-ca")
    static let signingSeal = FixedPath("/school/signing/seal")
    static let signingIssue = FixedPath("/school/signing/issue")
    /// The year-end archive of a school year, and a pupil's handover bundle.
    static let yearArchive = SitePath<SchoolYearID>("/school/years/:id/archive")
    static let yearArchiveClose = SitePath<SchoolYearID>("/school/years/:id/archive/close")
    static let yearArchiveFile = SitePath<SchoolYearID>("/school/years/:id/archive/file")
    static let handoverBundle = SitePath<StudentID>("/register/students/:id/ho-so-hoc-ba.zip")
    static let summaryPDF = SitePath<ClassID>("/school/classes/:id/bang-tong-hop.pdf")
    static let summaryXLSX = SitePath<ClassID>("/school/classes/:id/bang-tong-hop.xlsx")
    static let summaryApprove = SitePath<ClassID>("/school/classes/:id/bang-tong-hop/duyet")
    static let summarySigning = SitePath<ClassID>("/school/classes/:id/bang-tong-hop/ky")
    static let summarySignedPDF = SitePath<ClassID>("/school/classes/:id/bang-tong-hop-da-ky.pdf")
    static let classBookPDF = SitePath<ClassID>("/school/classes/:id/so-danh-gia.pdf")
    static let homeroomGridDone = SitePath<ClassID>("/school/classes/:id/assessment/done")
    static let homeroomGridUnlock = SitePath<ClassID>("/school/classes/:id/assessment/unlock")
    static let teachingRemove = SitePath<TeachingAssignmentID>("/school/teaching/:id/remove")

    /// The classes page of a given year (next year's classes are made before it is current).
    static func classesOfYear(_ year: SchoolYearID) -> String { classes(query: ["year": year.description]) }
    static func subjectsOfGrade(_ grade: Int) -> String { subjects(query: ["grade": String(grade)]) }
    static func newSubjectOfGrade(_ grade: Int) -> String { subjectsNew(query: ["grade": String(grade)]) }
}

/// The enrollment register (sổ đăng bộ), rosters and parent accounts.
extension Site {
    static let roster = SitePath<ClassID>("/school/classes/:id/roster")
    static let rosterPDF = SitePath<ClassID>("/school/classes/:id/roster.pdf")
    static let rosterXLSX = SitePath<ClassID>("/school/classes/:id/roster.xlsx")
    static let attendance = SitePath<ClassID>("/school/classes/:id/attendance")
    static let attendanceOverview = FixedPath("/school/attendance")
    static let promotion = SitePath<ClassID>("/school/classes/:id/promotion")
    static let rollOver = FixedPath("/school/rollover")
    static let rollOverClasses = FixedPath("/school/rollover/classes")
    static let rollOverApply = FixedPath("/school/rollover/apply")
    static let rollOverUndo = FixedPath("/school/rollover/undo")

    static func rollOverTo(_ year: SchoolYearID) -> String { rollOver(query: ["year": year.description]) }

    static func attendanceMonth(_ id: ClassID, _ month: SchoolMonth) -> String { attendance(id, query: ["month": month.key]) }
    static let registerBook = SitePath<SchoolYearID>("/school/years/:id/register.pdf")
    static let registerBookXLSX = SitePath<SchoolYearID>("/school/years/:id/register.xlsx")
    static let registerEntry = SitePath<StudentID>("/register/students/:id")
    static let registerCorrectionRequest = SitePath<StudentID>("/register/students/:id/corrections")
    static let movements = SitePath<StudentID>("/register/students/:id/movements")
    static let movementClassChange = SitePath<StudentID>("/register/students/:id/movements/class")
    static let movementLeave = SitePath<StudentID>("/register/students/:id/movements/leave")
    static let movementReturn = SitePath<StudentID>("/register/students/:id/movements/return")
    static let transferLetter = SitePath<StudentID>("/register/students/:id/giay-gioi-thieu-chuyen-truong.pdf")
    static let corrections = FixedPath("/register/corrections")
    static let correctionApprove = SitePath<RegisterCorrectionID>("/register/corrections/:id/approve")
    static let correctionReject = SitePath<RegisterCorrectionID>("/register/corrections/:id/reject")

    static let pupilImport = FixedPath("/register/import")
    static let transferIn = FixedPath("/register/transfer-in")
    static let pupils = FixedPath("/register/students")
    static let pupilsXLSX = FixedPath("/register/students.xlsx")
    static let pupilImportTemplate = FixedPath("/register/import/mau-nhap-hoc-sinh.xlsx")
    static let pupilImportBatch = SitePath<UUID>("/register/imports/:batch")
    static let pupilImportCommit = SitePath<UUID>("/register/imports/:batch/commit")
    static let pupilImportProgress = SitePath<UUID>("/register/imports/:batch/progress")

    static let contacts = FixedPath("/register/families")
    static let contactsXLSX = FixedPath("/register/families.xlsx")
    static let invite = SitePath<GuardianID>("/register/families/:id/invite")
    static let inviteConverted = SitePath<CampaignID>("/admissions/campaigns/:id/invite-families")
    static let familyHome = FixedPath("/phu-huynh")
    static let familyChild = SitePath<StudentID>("/phu-huynh/con/:id")
    static let familyActivate = FixedPath("/phu-huynh/kich-hoat")
}
