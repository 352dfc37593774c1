import Foundation

/// What the year's roll-over will do (or did) with one class of the year that ends.
public struct RollOverSource: Sendable, Equatable {
    /// The class of the year that ends.
    public let classID: ClassID
    /// Its name, such as "3A".
    public let className: String
    /// Its grade.
    public let grade: Int
    /// Pupils attending it (those who left during the year are not moved).
    public let attending: Int
    /// Pupils going up a grade.
    public let promoted: Int
    /// Pupils marked to repeat the grade.
    public let repeating: Int
    /// Grade 5 pupils completing primary school.
    public let completing: Int
    /// Pupils already in a class of the new year (moved by an earlier roll-over, or enrolled by hand).
    public let alreadyMoved: Int
    /// The new year's class the promoted pupils go to, or empty when there is none.
    public let promotedTo: String
    /// The new year's class the repeating pupils go to, or empty when there is none.
    public let repeatingTo: String
}

/// A class of the new year with the pupils the roll-over puts in it.
public struct RollOverTarget: Sendable, Equatable {
    /// The new year's class.
    public let classID: ClassID
    /// Its name.
    public let className: String
    /// Its grade.
    public let grade: Int
    /// Pupils already in it.
    public let current: Int
    /// Pupils the roll-over adds.
    public let joining: Int
    /// Its size limit.
    public let capacity: Int

    /// Whether it would hold more than its size.
    public var isOver: Bool { current + joining > capacity }
}

/// A roll-over that was applied, as the admin board sees it afterwards.
public struct RollOverRecord: Sendable, Equatable {
    /// The roll-over's id.
    public let id: UUID
    /// Pupils moved up, repeating and completing.
    public let promoted: Int, repeating: Int, completed: Int
    /// Who applied it, and when.
    public let appliedBy: String, appliedAt: Date
    /// Who undid it, and when, if it was undone.
    public let undoneBy: String?, undoneAt: Date?
}

/// The year's roll-over from one school year to the next, before it is applied: every class with its count.
public struct RollOverPlan: Sendable, Equatable {
    /// The year that ends.
    public let from: SchoolYear
    /// The year that begins.
    public let to: SchoolYear
    /// The classes of the year that ends, in order.
    public let sources: [RollOverSource]
    /// The classes of the new year, in order, with who joins them.
    public let targets: [RollOverTarget]
    /// What stops the roll-over (a missing class, a class over its size), in Vietnamese.
    public let problems: [String]
    /// The roll-overs applied between these years, newest first.
    public let history: [RollOverRecord]

    /// Pupils the roll-over would move or mark complete.
    public var pending: Int { sources.reduce(0) { $0 + $1.promoted + $1.repeating + $1.completing } }
    /// Whether it can be applied now: something to do and nothing in the way.
    public var isApplicable: Bool { problems.isEmpty && pending > 0 }
    /// The roll-over that may still be undone: the newest not undone, before the new year starts.
    public func undoable(today: SchoolDate) -> RollOverRecord? {
        guard today < to.dates.startsOn else { return nil }
        return history.first { $0.undoneAt == nil }
    }
}

/// What one applied roll-over did.
public struct RollOverResult: Sendable, Equatable {
    /// Pupils moved up a grade, kept in their grade, and completing primary school.
    public let promoted: Int, repeating: Int, completed: Int

    /// A result of these counts.
    public init(promoted: Int, repeating: Int, completed: Int) {
        self.promoted = promoted
        self.repeating = repeating
        self.completed = completed
    }
}

/// One pupil of a class as the homeroom teacher marks who repeats the grade.
public struct PromotionLine: Sendable, Equatable {
    /// The pupil.
    public let studentID: StudentID
    /// Their name in parts.
    public let name: PersonName
    /// Whether they are marked to repeat.
    public let repeats: Bool
}
