import Foundation

/// How a pupil came to the school, as the register records it.
public enum EntryRoute: String, Sendable, Codable, CaseIterable {
    /// Tuyển sinh lớp 1: admitted to grade 1.
    case gradeOneAdmission = "grade1"
    /// Chuyển đến: transferred in from another school.
    case transferIn = "transfer"

    /// Ghi từ sổ cũ: an entry copied from the school's earlier register when it adopted hoso.
    case imported = "imported"

    /// "Tuyển sinh lớp 1", "Chuyển đến" or "Ghi từ sổ đăng bộ cũ".
    public var label: String {
        switch self {
        case .gradeOneAdmission: "Tuyển sinh lớp 1"
        case .transferIn: "Chuyển đến"
        case .imported: "Ghi từ sổ đăng bộ cũ"
        }
    }
}

/// Everything a register entry (sổ đăng bộ) shows besides its number: the pupil's identity as on the birth
/// certificate, the parents as written at entry, and how and when the pupil entered. Once written, it changes only
/// through a correction that the principal approves.
///
/// The official column list of the sổ đăng bộ was not found (regulations §4.2); these are the fields known to be
/// used, and the ones the học bạ repeats.
public struct RegisterDetails: Sendable, Equatable, Codable {
    /// Họ và tên.
    public var name: PersonName
    /// Ngày sinh.
    public var birthDate: SchoolDate
    /// Giới tính.
    public var sex: Sex
    /// Mã định danh cá nhân, or empty.
    public var personalID: String
    /// Dân tộc.
    public var ethnicity: String
    /// Nơi sinh.
    public var placeOfBirth: String
    /// Quê quán.
    public var hometown: String
    /// Nơi ở (chỗ ở hiện nay).
    public var address: String
    /// Họ tên cha, as written at entry.
    public var fatherName: String
    /// Họ tên mẹ, as written at entry.
    public var motherName: String
    /// Họ tên người giám hộ, if any.
    public var guardianName: String
    /// Ngày vào trường.
    public var entryDate: SchoolDate
    /// Vào lớp: the grade (khối) the pupil entered.
    public var entryGrade: Int
    /// Tuyển sinh lớp 1 or chuyển đến.
    public var route: EntryRoute
    /// Chuyển từ trường: the previous school of a transferred pupil.
    public var previousSchool: String
    /// Ghi chú.
    public var notes: String

    /// All fields; text is cleaned when stored.
    public init(
        name: PersonName, birthDate: SchoolDate, sex: Sex, personalID: String = "", ethnicity: String = "",
        placeOfBirth: String = "", hometown: String = "", address: String = "", fatherName: String = "",
        motherName: String = "", guardianName: String = "", entryDate: SchoolDate, entryGrade: Int = 1,
        route: EntryRoute = .gradeOneAdmission, previousSchool: String = "", notes: String = ""
    ) {
        self.name = name
        self.birthDate = birthDate
        self.sex = sex
        self.personalID = personalID
        self.ethnicity = ethnicity
        self.placeOfBirth = placeOfBirth
        self.hometown = hometown
        self.address = address
        self.fatherName = fatherName
        self.motherName = motherName
        self.guardianName = guardianName
        self.entryDate = entryDate
        self.entryGrade = entryGrade
        self.route = route
        self.previousSchool = previousSchool
        self.notes = notes
    }

    /// The Vietnamese names of the fields that differ between `self` and `other`, in form order.
    public func changedFields(to other: RegisterDetails) -> [String] {
        var fields: [String] = []
        func check<T: Equatable>(_ label: String, _ path: KeyPath<RegisterDetails, T>) {
            if self[keyPath: path] != other[keyPath: path] { fields.append(label) }
        }
        check("Họ và tên", \.name)
        check("Ngày sinh", \.birthDate)
        check("Giới tính", \.sex)
        check("Mã định danh", \.personalID)
        check("Dân tộc", \.ethnicity)
        check("Nơi sinh", \.placeOfBirth)
        check("Quê quán", \.hometown)
        check("Nơi ở", \.address)
        check("Họ tên cha", \.fatherName)
        check("Họ tên mẹ", \.motherName)
        check("Họ tên người giám hộ", \.guardianName)
        check("Ngày vào trường", \.entryDate)
        check("Vào lớp", \.entryGrade)
        check("Hình thức vào trường", \.route)
        check("Chuyển từ trường", \.previousSchool)
        check("Ghi chú", \.notes)
        return fields
    }
}

/// Sổ đăng bộ entry: one per pupil, numbered once and for ever.
public struct RegisterEntry: Sendable, Equatable {
    /// The entry's ID.
    public let id: RegisterEntryID
    /// The pupil the entry describes.
    public let studentID: StudentID
    /// Số đăng bộ: sequential per school, unique, never reused.
    public let number: Int
    /// The number as printed, in the school's format at the time of writing, e.g. "125/2026". Kept as written, so
    /// a later change of format does not change numbers already copied into học bạ.
    public let numberText: String
    /// The school year the pupil entered.
    public let yearID: SchoolYearID
    /// That year's name, e.g. "2026-2027".
    public let yearName: String
    /// What the entry says.
    public let details: RegisterDetails
    /// Incremented by every approved correction.
    public let version: Int
}

/// One child to admit: the child, the guardians, the class to join and the day of entry.
public struct NewPupil: Sendable, Equatable {
    /// The child.
    public var child: NewStudent
    /// Parents and guardians; a guardian already stored (same phone and name, or same personal ID) is reused.
    public var guardians: [NewGuardian]
    /// The class of the admission's school year the child joins.
    public var classID: ClassID
    /// Ngày vào trường.
    public var entryDate: SchoolDate
    /// How the child came.
    public var route: EntryRoute
    /// The previous school of a transferred child.
    public var previousSchool: String
    /// Ghi chú for the register.
    public var notes: String
    /// The register number as the school's earlier book wrote it (imported pupils keep theirs); empty for a number
    /// in the school's format.
    public var registerNumberText: String

    /// A child to admit; by default through grade‑1 admissions.
    public init(
        child: NewStudent, guardians: [NewGuardian], classID: ClassID, entryDate: SchoolDate,
        route: EntryRoute = .gradeOneAdmission, previousSchool: String = "", notes: String = "",
        registerNumberText: String = ""
    ) {
        self.registerNumberText = registerNumberText
        self.child = child
        self.guardians = guardians
        self.classID = classID
        self.entryDate = entryDate
        self.route = route
        self.previousSchool = previousSchool
        self.notes = notes
    }
}

/// What admitting one child wrote.
public struct AdmittedPupil: Sendable, Equatable {
    /// The new register entry, with its number.
    public let entry: RegisterEntry
    /// The pupil's place in the class.
    public let enrollmentID: EnrollmentID
    /// The class joined.
    public let classID: ClassID
    /// The child's guardians, new or reused, in the order given.
    public let guardianIDs: [GuardianID]
}

/// The outcome of ``RegisterService/admit(_:into:by:at:on:)``: what was written, and the audit events the caller
/// must return from its ``AuditedWrite`` body so that they are stored in the same transaction.
public struct RegisterAdmission: Sendable {
    /// One per child, in the order given.
    public let pupils: [AdmittedPupil]
    /// Audit events describing the writes.
    public let events: [AuditEvent]
}

/// Where a correction request stands.
public enum CorrectionStatus: String, Sendable, Codable, CaseIterable {
    /// Chờ duyệt.
    case pending
    /// Đã duyệt: the change is in the entry.
    case approved
    /// Không duyệt: the entry was left as it was.
    case rejected

    /// Vietnamese label.
    public var label: String {
        switch self {
        case .pending: "Chờ hiệu trưởng duyệt"
        case .approved: "Đã duyệt"
        case .rejected: "Không duyệt"
        }
    }
}

/// Đề nghị đính chính: a request to change a written register entry, and its outcome. Kept for ever with the values
/// before and after, so the history of every entry can be read back.
public struct RegisterCorrection: Sendable, Equatable {
    /// The request's ID.
    public let id: RegisterCorrectionID
    /// The entry to correct.
    public let entryID: RegisterEntryID
    /// Where it stands.
    public let status: CorrectionStatus
    /// Why the change is needed (e.g. "Sai ngày sinh so với giấy khai sinh").
    public let reason: String
    /// The entry as it was when the change was requested.
    public let before: RegisterDetails
    /// The entry as requested.
    public let after: RegisterDetails
    /// The Vietnamese names of the fields that change.
    public var changedFields: [String] { before.changedFields(to: after) }
    /// Who asked, and when.
    public let requestedBy: String
    /// When the request was made.
    public let requestedAt: Date
    /// Who approved or rejected it, once decided.
    public let decidedBy: String?
    /// When it was decided.
    public let decidedAt: Date?
    /// The principal's note with the decision.
    public let decisionNote: String
}

/// A broken rule of the register. The web layer maps each case to a status and a Vietnamese message.
public enum RegisterError: Error, Sendable, Equatable {
    /// The child already has an entry in the register (the same personal ID, or the same name and date of birth).
    case alreadyRegistered(name: String, numberText: String)
    /// The class has no place left for the children given.
    case classFull(className: String, capacity: Int)
    /// The correction was already approved or rejected.
    case correctionDecided
    /// The entry already has a correction waiting for the principal.
    case correctionPending

    /// The message shown to staff.
    public var message: String {
        switch self {
        case .alreadyRegistered(let name, let number):
            "\(name) đã có trong sổ đăng bộ (số \(number)); không ghi sổ lần thứ hai."
        case .classFull(let name, let capacity):
            "Lớp \(name) đã đủ \(capacity) học sinh."
        case .correctionDecided:
            "Đề nghị đính chính này đã được xử lý."
        case .correctionPending:
            "Mục này đang có một đề nghị đính chính chờ hiệu trưởng duyệt."
        }
    }
}
