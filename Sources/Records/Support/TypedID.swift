import Foundation

/// A UUID that knows what it identifies, so an account's ID cannot be passed where a class's is expected.
public struct TypedID<Tag>: Hashable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// The underlying UUID.
    public let uuid: UUID

    /// Wraps an existing UUID.
    public init(_ uuid: UUID) { self.uuid = uuid }
    /// Parses a UUID string, as found in a path.
    public init?(_ description: String) {
        guard let uuid = UUID(uuidString: description) else { return nil }
        self.uuid = uuid
    }

    public var description: String { uuid.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws { uuid = try decoder.singleValueContainer().decode(UUID.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public enum AccountTag {}
public enum SchoolYearTag {}
public enum ClassTag {}
public enum SubjectTag {}
public enum SessionTag {}
public enum RoleAssignmentTag {}
public enum TeachingAssignmentTag {}

/// Identifies a staff or parent account.
public typealias AccountID = TypedID<AccountTag>
/// Identifies a school year (năm học).
public typealias SchoolYearID = TypedID<SchoolYearTag>
/// Identifies a class (lớp) of one school year.
public typealias ClassID = TypedID<ClassTag>
/// Identifies a subject or educational activity of one grade.
public typealias SubjectID = TypedID<SubjectTag>
/// Identifies a login session.
public typealias SessionID = TypedID<SessionTag>
/// Identifies one role held by an account in a school year.
public typealias RoleAssignmentID = TypedID<RoleAssignmentTag>
/// Identifies one teaching assignment (GVBM of a subject in a class).
public typealias TeachingAssignmentID = TypedID<TeachingAssignmentTag>
