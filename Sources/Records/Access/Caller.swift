import Foundation

/// Who is asking: the account, what it may do now, and where the request came from. Every service takes one.
public struct Caller: Sendable {
    /// The account, or `nil` for the system itself (first‑run setup, the demo command).
    public let accountID: AccountID?
    /// The name recorded in the audit log.
    public let displayName: String
    /// Rights in force for the current school year.
    public let grants: Grants
    /// The client address, for the audit log.
    public let address: String?
    /// The role recorded for a caller without an account (a parent using a registration code).
    let fixedRoleLabel: String?
    /// Whether this is a parent — through the public portal or with a parent account — rather than staff or the system.
    public var isParent: Bool { fixedRoleLabel != nil }

    public init(accountID: AccountID?, displayName: String, grants: Grants, address: String? = nil) {
        self.accountID = accountID
        self.displayName = displayName
        self.grants = grants
        self.address = address
        self.fixedRoleLabel = nil
    }

    /// A parent acting through the public portal with a registration code: no rights beyond their own application.
    /// `code` is how the audit log names them: give it masked (`••••-••••-9C`), never the code itself.
    public static func parent(code: String, address: String?) -> Caller {
        Caller(displayName: "Phụ huynh (mã \(code))", address: address, roleLabel: "Phụ huynh")
    }

    /// A parent signed in with their own account (the contact book): no staff rights; what they may read is
    /// decided by their links to their own children.
    public static func family(account: AccountID, displayName: String, address: String?) -> Caller {
        Caller(accountID: account, displayName: displayName, address: address, roleLabel: "Phụ huynh")
    }

    private init(accountID: AccountID? = nil, displayName: String, address: String?, roleLabel: String) {
        self.accountID = accountID
        self.displayName = displayName
        self.grants = .none
        self.address = address
        self.fixedRoleLabel = roleLabel
    }

    /// The system acting on its own, e.g. during setup or from a command line; holds every right.
    public static func system(_ name: String = "Hệ thống") -> Caller {
        Caller(accountID: nil, displayName: name, grants: Grants(roles: [.principal]))
    }

    /// Throws ``RecordsError/forbidden`` unless the caller holds `permission`.
    public func require(_ permission: Permission) throws {
        guard grants.allows(permission) else { throw RecordsError.forbidden }
    }

    /// Throws ``RecordsError/forbidden`` unless the caller holds at least one of `permissions`.
    public func requireAny(_ permissions: [Permission]) throws {
        guard permissions.contains(where: grants.allows) else { throw RecordsError.forbidden }
    }

    /// Whether the caller holds `permission`.
    public func may(_ permission: Permission) -> Bool { grants.allows(permission) }

    /// The role label recorded in the audit log: the highest role held, or the teaching duty.
    public var roleLabel: String {
        if let fixedRoleLabel { return fixedRoleLabel }
        if accountID == nil { return "Hệ thống" }
        if let role = grants.roles.sorted().first { return role.label }
        if !grants.homeroomClasses.isEmpty { return "GVCN" }
        if !grants.teaching.isEmpty { return "GVBM" }
        return "Không có vai trò"
    }
}
