import Foundation

/// What happened to a pupil during a school year (TT28/2020 Art. 35–37; the seed's Điều 10).
public enum MovementKind: String, Sendable, Codable, CaseIterable {
    /// Chuyển lớp: to another class of the school, same year.
    case classChange
    /// Chuyển trường: leaves for another school, on the family's request accepted by the principal.
    case transferOut
    /// Thôi học: stops attending.
    case dropOut
    /// Trở lại học: comes back after dropping out.
    case returned
    /// Chuyển đến: joins from another school with their dossier (TT28 Art. 37).
    case transferIn
    /// Hoàn thành chương trình tiểu học: leaves grade 5 at the year's end, written by the roll-over.
    case completed

    /// Vietnamese label.
    public var label: String {
        switch self {
        case .classChange: "Chuyển lớp"
        case .transferOut: "Chuyển trường"
        case .dropOut: "Thôi học"
        case .returned: "Trở lại học"
        case .transferIn: "Chuyển đến"
        case .completed: "Hoàn thành chương trình tiểu học"
        }
    }

    /// Whether the pupil leaves the school with it.
    public var leaves: Bool { self == .transferOut || self == .dropOut }
}

/// One recorded movement.
public struct Movement: Sendable, Equatable {
    /// What happened.
    public let kind: MovementKind
    /// The day it takes effect.
    public let date: SchoolDate
    /// The class left, for a class change or a departure.
    public let fromClass: String
    /// The class joined, for a class change or a return.
    public let toClass: String
    /// The school the pupil goes to (transfer out).
    public let otherSchool: String
    /// Why, as written.
    public let reason: String
    /// Who recorded it, and when.
    public let recordedBy: String
    /// When it was recorded.
    public let recordedAt: Date

    /// One line as the pupil's history shows it.
    public var summary: String {
        switch kind {
        case .classChange: "\(date.display): chuyển từ lớp \(fromClass) sang lớp \(toClass)"
        case .transferOut: "\(date.display): chuyển đến \(otherSchool.isEmpty ? "trường khác" : otherSchool)"
        case .dropOut: "\(date.display): thôi học (lớp \(fromClass))"
        case .returned: "\(date.display): trở lại học, lớp \(toClass)"
        case .transferIn: "\(date.display): chuyển đến từ \(otherSchool.isEmpty ? "trường khác" : otherSchool), vào lớp \(toClass)"
        case .completed: "\(date.display): hoàn thành chương trình tiểu học (lớp \(fromClass))"
        }
    }
}

/// A departure to record: transfer out or dropping out.
public struct Departure: Sendable, Equatable {
    /// Transfer out or drop out.
    public var kind: MovementKind
    /// The day the pupil leaves.
    public var date: SchoolDate?
    /// The receiving school (transfer out).
    public var otherSchool: String
    /// Why (the family's request, the reason for dropping out).
    public var reason: String

    /// A departure.
    public init(kind: MovementKind, date: SchoolDate?, otherSchool: String = "", reason: String = "") {
        self.kind = kind
        self.date = date
        self.otherSchool = otherSchool
        self.reason = reason
    }
}

/// Where a pupil stands in the current school year.
public struct PupilStanding: Sendable, Equatable {
    /// The current year's name.
    public let yearName: String
    /// The class the pupil is (or was last) in.
    public let classID: ClassID
    /// Its name.
    public let className: String
    /// The day the pupil left the school, if they did.
    public let leftOn: SchoolDate?
    /// How they left.
    public let leftKind: MovementKind?
}
