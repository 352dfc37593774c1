import Foundation

/// A new invitation for a guardian to open a parent account. The code is shown and sent once; hoso keeps only
/// its fingerprint.
public struct ParentInvitation: Sendable, Equatable {
    /// The guardian invited.
    public let guardian: Guardian
    /// The one‑time code as printed, e.g. `H7KM-2QXT`.
    public let code: String
    /// When the code stops working.
    public let expiresAt: Date
}

/// A guardian of the school's pupils as the clerk sees them when inviting families.
public struct FamilyContact: Sendable, Equatable {
    /// The guardian.
    public let guardian: Guardian
    /// Their children at the school, with the relation, e.g. "Mẹ của Nguyễn Thị Ánh".
    public let children: [String]
    /// The parent account's username, once opened.
    public let username: String?
    /// When the open invitation, if any, expires.
    public let invitationExpiresAt: Date?
}

/// A child as their parent sees them in the contact book.
public struct FamilyChild: Sendable, Equatable {
    /// The pupil.
    public let studentID: StudentID
    /// The name in parts.
    public let name: PersonName
    /// Ngày sinh.
    public let birthDate: SchoolDate
    /// How the signed‑in parent is related to the child.
    public let relation: GuardianRelation
    /// The child's class in their latest school year, e.g. "1A".
    public let className: String?
    /// That school year, e.g. "2027-2028".
    public let yearName: String?
    /// The homeroom teacher of that class.
    public let homeroomTeacher: String?
    /// Số đăng bộ as printed.
    public let registerNumber: String?
}

/// What a parent types to open their account with an invitation.
public struct InvitationRedemption: Sendable {
    /// The invitation code, with or without the dash; letters in any case.
    public var code: String
    /// The phone number (or email address) the school has for the parent: the code alone is not enough.
    public var contact: String
    /// The username chosen.
    public var username: String
    /// The password chosen, and again.
    public var password: String
    public var passwordConfirmation: String

    public init(code: String, contact: String, username: String, password: String, passwordConfirmation: String) {
        self.code = code
        self.contact = contact
        self.username = username
        self.password = password
        self.passwordConfirmation = passwordConfirmation
    }
}

/// Invitation codes: 8 symbols from 31 that cannot be mistaken for each other (no 0/O, 1/I/L), about 40 bits.
public enum InvitationCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// A new random code, `XXXX-XXXX`.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let symbols = String((0..<8).map { _ in alphabet.randomElement(using: &generator)! })
        return symbols.prefix(4) + "-" + symbols.suffix(4)
    }

    /// The symbols of a typed code, upper‑cased, without dashes or spaces; `nil` if it cannot be a code.
    public static func normalise(_ text: String) -> String? {
        let symbols = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard symbols.count == 8, symbols.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return symbols
    }

    static func fingerprint(_ symbols: String) -> String { SecureToken.sha256Hex("invitation|" + symbols) }
}
