/// Something a caller may or may not do. Every domain service checks one before it reads or writes.
public enum Permission: Sendable, Hashable {
    /// Create, disable, re‑enable accounts and reset passwords.
    case manageAccounts
    /// Give or take back a role.
    case grantRole(Role)
    /// Edit the school profile, years, classes, subjects and teaching assignments.
    case manageSchool
    /// Turn the second‑factor requirement on or off.
    case manageSecurityPolicy
    /// See the school's structure (classes, subjects, staff list).
    case viewSchool
    /// Read the audit log.
    case viewAudit
    /// Read a class's records.
    case readClass(ClassID)
    /// Write a class's records kept by its homeroom teacher (roster, absences, comments).
    case writeClassRecords(ClassID)
    /// Write results of one subject in one class.
    case writeSubjectResults(ClassID, SubjectID)
    /// Set up and run admissions campaigns.
    case manageAdmissions
    /// Import kindergarten lists, issue and revoke registration codes, print slips and handover records.
    case admissionLists
    /// Work the on‑duty desk: find applications, apply on a parent's behalf, answer questions, walk‑in codes.
    case admissionDesk
    /// Read admissions figures and reports.
    case viewAdmissions
    /// Review applications and their documents as a member of the admissions council.
    case reviewApplications
    /// Open one application and its documents read-only, as the council does (the inspector, to check a decision).
    case readApplications
    /// See families' phone numbers, emails and registration codes (those who contact families or act for them; not
    /// the inspector).
    case seeFamilyContacts
    /// Approve the council's result list and correct published results (the chair).
    case approveAdmissions
    /// Read the enrollment register (sổ đăng bộ) and the pupils' identity and family details.
    case readRegister
    /// Write new register entries, enrol pupils in classes and request corrections to written entries.
    case writeRegister
    /// Approve or reject a correction to a written register entry (the principal only).
    case approveCorrections
    /// Open and close the assessment book's entry windows, unlock done entries (the principal only).
    case controlAssessment
}

/// What one account may do in the current school year: its roles and the classes and subjects it is assigned.
public struct Grants: Sendable, Equatable {
    /// Roles held and in force today (an inspector past the end date holds nothing).
    public var roles: Set<Role>
    /// Classes of which the account is homeroom teacher (GVCN).
    public var homeroomClasses: Set<ClassID>
    /// (class, subject) pairs the account teaches (GVBM).
    public var teaching: Set<ClassSubject>

    /// A class and one of its subjects.
    public struct ClassSubject: Sendable, Hashable {
        public let classID: ClassID
        public let subjectID: SubjectID
        public init(classID: ClassID, subjectID: SubjectID) {
            self.classID = classID
            self.subjectID = subjectID
        }
    }

    public init(roles: Set<Role> = [], homeroomClasses: Set<ClassID> = [], teaching: Set<ClassSubject> = []) {
        self.roles = roles
        self.homeroomClasses = homeroomClasses
        self.teaching = teaching
    }

    /// No rights at all.
    public static let none = Grants()

    var isStaff: Bool { !roles.isEmpty || !homeroomClasses.isEmpty || !teaching.isEmpty }
    var isManager: Bool { roles.contains(.principal) || roles.contains(.adminBoard) }

    /// The single place where roles turn into rights.
    public func allows(_ permission: Permission) -> Bool {
        if roles.contains(.principal) { return true }
        switch permission {
        case .manageAccounts, .manageSchool:
            return roles.contains(.adminBoard)
        case .grantRole(let role):
            return roles.contains(.adminBoard) && !role.grantedOnlyByPrincipal
        case .manageSecurityPolicy:
            return false
        case .viewSchool:
            return isStaff
        case .viewAudit:
            return roles.contains(.adminBoard) || roles.contains(.inspector)
        case .readClass(let classID):
            return isManager || roles.contains(.inspector) || roles.contains(.clerk)
                || homeroomClasses.contains(classID) || teaching.contains { $0.classID == classID }
        case .writeClassRecords(let classID):
            return homeroomClasses.contains(classID)
        case .writeSubjectResults(let classID, let subjectID):
            return teaching.contains(ClassSubject(classID: classID, subjectID: subjectID))
        case .manageAdmissions:
            return roles.contains(.adminBoard) || roles.contains(.councilChair)
        case .admissionLists:
            return roles.contains(.adminBoard) || roles.contains(.councilChair) || roles.contains(.clerk)
        case .admissionDesk:
            return roles.contains(.adminBoard) || roles.contains(.councilChair) || roles.contains(.clerk)
                || roles.contains(.onDutyStaff) || roles.contains(.councilMember)
        case .viewAdmissions:
            return roles.contains(.adminBoard) || roles.contains(.councilChair) || roles.contains(.councilMember)
                || roles.contains(.clerk) || roles.contains(.inspector)
        case .reviewApplications:
            return roles.contains(.councilChair) || roles.contains(.councilMember)
        case .readApplications:
            return roles.contains(.councilChair) || roles.contains(.councilMember) || roles.contains(.inspector)
        case .seeFamilyContacts:
            return !roles.isDisjoint(with: [.adminBoard, .councilChair, .councilMember, .clerk, .onDutyStaff])
        case .approveAdmissions:
            return roles.contains(.councilChair)
        case .readRegister:
            return roles.contains(.adminBoard) || roles.contains(.clerk) || roles.contains(.inspector)
        case .writeRegister:
            return roles.contains(.adminBoard) || roles.contains(.clerk)
        case .approveCorrections, .controlAssessment:
            // Legal records: only the principal, checked above, signs off a change to them or opens them for entry.
            return false
        }
    }
}
