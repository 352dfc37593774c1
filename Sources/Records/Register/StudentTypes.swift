import Foundation

/// Giới tính, as kindergarten lists, applications, the register and the học bạ write it: one type for all of them.
public enum Sex: String, Sendable, Codable, CaseIterable {
    /// Nam.
    case male
    /// Nữ.
    case female

    /// "Nam" or "Nữ".
    public var label: String { self == .male ? "Nam" : "Nữ" }

    /// Reads "Nam"/"Nữ" as lists and other systems write it (also without diacritics, or M/F).
    public init?(text: String) {
        switch VietnameseText.foldKey(text) {
        case "nam", "m", "male", "trai": self = .male
        case "nu", "f", "female", "gai": self = .female
        default: return nil
        }
    }
}

/// How a guardian is related to one child (the same person may be a father to one child and a guardian to another).
public enum GuardianRelation: String, Sendable, Codable, CaseIterable {
    /// Cha.
    case father
    /// Mẹ.
    case mother
    /// Người giám hộ.
    case guardian

    /// "Cha", "Mẹ" or "Người giám hộ".
    public var label: String {
        switch self {
        case .father: "Cha"
        case .mother: "Mẹ"
        case .guardian: "Người giám hộ"
        }
    }
}

/// A child as the clerk (or the conversion of an admission) gives it, before it is stored.
public struct NewStudent: Sendable, Equatable {
    /// The name in parts, written as on the birth certificate.
    public var name: PersonName
    /// Ngày sinh; required.
    public var birthDate: SchoolDate?
    /// Giới tính; required.
    public var sex: Sex?
    /// Mã định danh cá nhân: 12 digits, or empty while unknown (foreign children, IDs not yet verified).
    public var personalID: String
    /// Dân tộc, one of ``Ethnicity/choices``; empty while not given (never assumed).
    public var ethnicity: String
    /// Nơi sinh, as on the birth certificate.
    public var placeOfBirth: String
    /// Quê quán.
    public var hometown: String
    /// Nơi ở hiện nay.
    public var address: String

    /// A child; text is cleaned and NFC‑normalised when the child is stored.
    public init(
        name: PersonName, birthDate: SchoolDate?, sex: Sex?, personalID: String = "", ethnicity: String = "",
        placeOfBirth: String = "", hometown: String = "", address: String = ""
    ) {
        self.name = name
        self.birthDate = birthDate
        self.sex = sex
        self.personalID = personalID
        self.ethnicity = ethnicity
        self.placeOfBirth = placeOfBirth
        self.hometown = hometown
        self.address = address
    }
}

/// A parent or guardian as given with a child, before it is matched against the ones already stored.
public struct NewGuardian: Sendable, Equatable {
    /// The name in parts.
    public var name: PersonName
    /// How this person is related to the child.
    public var relation: GuardianRelation
    /// A phone number; with the name it identifies the same person across siblings.
    public var phone: String
    /// An email address, or empty.
    public var email: String
    /// Số định danh cá nhân (CCCD): 12 digits, or empty.
    public var personalID: String

    /// A guardian; text is cleaned when stored.
    public init(name: PersonName, relation: GuardianRelation, phone: String = "", email: String = "", personalID: String = "") {
        self.name = name
        self.relation = relation
        self.phone = phone
        self.email = email
        self.personalID = personalID
    }
}

/// A pupil of the school.
public struct Student: Sendable, Equatable {
    /// The pupil's ID.
    public let id: StudentID
    /// The name in parts.
    public let name: PersonName
    /// Ngày sinh.
    public let birthDate: SchoolDate
    /// Giới tính.
    public let sex: Sex
    /// Mã định danh cá nhân, or empty.
    public let personalID: String
    /// Dân tộc.
    public let ethnicity: String
    /// Nơi sinh.
    public let placeOfBirth: String
    /// Quê quán.
    public let hometown: String
    /// Nơi ở hiện nay.
    public let address: String
    /// The pupil's parents and guardians, fathers first, then mothers, then others.
    public let guardians: [StudentGuardian]
}

/// A stored parent or guardian.
public struct Guardian: Sendable, Equatable {
    /// The guardian's ID, shared by all of their children.
    public let id: GuardianID
    /// The name in parts.
    public let name: PersonName
    /// The phone number as given.
    public let phone: String
    /// The email address, or empty.
    public let email: String
    /// Số định danh cá nhân, or empty.
    public let personalID: String
}

/// A guardian as related to one pupil.
public struct StudentGuardian: Sendable, Equatable {
    /// The guardian.
    public let guardian: Guardian
    /// How they are related to this pupil.
    public let relation: GuardianRelation
}

/// Matching keys that decide whether two records describe the same person.
enum IdentityKeys {
    /// The digits of a phone number, with Vietnam's `+84`/`84` prefix written as the domestic `0`, so that
    /// "+84 912 345 601" and "0912.345.601" are the same phone.
    static func phoneDigits(_ phone: String) -> String {
        let digits = phone.filter(\.isASCII).filter(\.isNumber)
        if digits.hasPrefix("84") && digits.count == 11 { return "0" + digits.dropFirst(2) }
        return String(digits)
    }

    /// The guardian key: phone digits and the folded full name; `nil` without a phone, because a name alone is
    /// not enough to say that two parents are the same person.
    static func guardianKey(name: PersonName, phone: String) -> String? {
        let digits = phoneDigits(phone)
        return digits.isEmpty ? nil : digits + "|" + name.searchKey
    }

    /// A 12‑digit personal ID with spaces and dots removed, or the text unchanged when it is not one.
    static func personalID(_ text: String) -> String {
        let compact = VietnameseText.clean(text).filter { $0 != " " && $0 != "." && $0 != "-" }
        return compact.count == 12 && compact.allSatisfy({ $0.isASCII && $0.isNumber }) ? compact : VietnameseText.clean(text)
    }

    /// Whether `text` is a 12‑digit personal ID (mã định danh cá nhân).
    static func isPersonalID(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
