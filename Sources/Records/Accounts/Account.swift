import FluentKit
import Foundation

/// A person's login.
public struct Account: Sendable, Equatable, Codable {
    /// Whether the account belongs to staff or to a parent.
    public enum Kind: String, Codable, Sendable { case staff, parent }

    public let id: AccountID
    public var username: String
    public var name: PersonName
    public var email: String
    public var phone: String
    public var kind: Kind
    public var mustChangePassword: Bool
    public var isDisabled: Bool
    public var secondFactorEnabled: Bool
    /// Imported and never given a password: disabled until the admin board sets one.
    public var awaitingPassword: Bool
    public var createdAt: String

    init(_ row: AccountRow) {
        id = AccountID(row.id!)
        username = row.username
        name = row.name
        email = row.email
        phone = row.phone
        kind = Kind(rawValue: row.kind) ?? .staff
        mustChangePassword = row.mustChangePassword
        isDisabled = row.isDisabled
        secondFactorEnabled = row.totpSecret != nil
        awaitingPassword = row.passwordHash == AccountRow.noPassword
        createdAt = row.createdAt
    }
}

/// What a manager types to create a staff account.
public struct NewAccount: Sendable {
    public var username: String
    public var name: PersonName
    public var email: String
    public var phone: String
    public var password: String
    /// Roles to give in the current school year.
    public var roles: [Role]
    /// End date for an inspector's access.
    public var inspectorUntil: SchoolDate?

    public init(
        username: String, name: PersonName, email: String = "", phone: String = "", password: String,
        roles: [Role] = [], inspectorUntil: SchoolDate? = nil
    ) {
        self.username = username
        self.name = name
        self.email = email
        self.phone = phone
        self.password = password
        self.roles = roles
        self.inspectorUntil = inspectorUntil
    }
}

/// Account snapshot written to the audit log (never the password hash or second‑factor secret).
struct AccountSnapshot: Codable {
    let username: String
    let name: String
    let email: String
    let phone: String
    let isDisabled: Bool
    let mustChangePassword: Bool
    let secondFactor: Bool

    init(_ row: AccountRow) {
        username = row.username
        name = row.name.full
        email = row.email
        phone = row.phone
        isDisabled = row.isDisabled
        mustChangePassword = row.mustChangePassword
        secondFactor = row.totpSecret != nil
    }
}

enum Usernames {
    /// Lower‑case letters, digits, dot, dash and underscore; 3–40 characters.
    static func normalise(_ text: String) -> String {
        VietnameseText.clean(text).lowercased()
    }

    static func check(_ username: String, into problems: inout FieldProblems) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        if username.isEmpty {
            problems.add("username", "Vui lòng nhập tên đăng nhập.")
        } else if username.count < 3 || username.count > 40 || !username.allSatisfy({ allowed.contains($0) }) {
            problems.add("username", "Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.")
        }
    }

    /// Whether an account (staff or parent) already uses `username`, which must be normalised.
    static func isTaken(_ username: String, on db: any Database) async throws -> Bool {
        try await AccountRow.query(on: db).filter(\.$username == username).first() != nil
    }
}
