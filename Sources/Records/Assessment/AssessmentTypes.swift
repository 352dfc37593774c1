import Foundation

/// The principal's entry window for one grade at one checkpoint: teachers enter values from `opensOn` to `closesOn`
/// inclusive; after it, what was not marked done is locked too.
public struct EntryWindow: Sendable, Equatable {
    public let grade: Int
    public let checkpoint: Checkpoint
    public let opensOn: SchoolDate
    public let closesOn: SchoolDate
    /// Who last set it.
    public let updatedBy: String

    /// Whether entry is open on `day`.
    public func isOpen(on day: SchoolDate) -> Bool { opensOn <= day && day <= closesOn }
}

/// One pupil's line of a class × subject grid.
public struct SubjectGridLine: Sendable, Equatable {
    public let studentID: StudentID
    public let position: Int
    public let name: PersonName
    /// Whether the pupil is still in the class (a leaver's line is kept but not entered).
    public let attending: Bool
    /// T, H or C, or nil when not entered.
    public let level: String?
    /// The periodic test score, when the rulebook asks for one.
    public let score: Int?
    public let comment: String
    /// When the pupil's values were last saved, in milliseconds (0 when none is stored): a device typing over an
    /// older version gets a conflict instead of overwriting.
    public let version: Int
    /// Who saved them last.
    public let updatedBy: String?
}

/// A class × subject at a checkpoint, as the subject teacher enters it.
public struct SubjectGrid: Sendable, Equatable {
    public let classID: ClassID
    public let className: String
    public let grade: Int
    public let subject: Subject
    public let checkpoint: Checkpoint
    /// The rulebook in force for the class's grade this year.
    public let rulebook: Rulebook
    /// Whether the rulebook asks for a periodic test score at this checkpoint.
    public let testDue: Bool
    /// The principal's window for the grade and checkpoint, if set.
    public let window: EntryWindow?
    /// Whether entry is open today: inside the window and not locked, or unlocked by the principal.
    public let isOpen: Bool
    /// Who marked the grid done, if someone did (then it is locked).
    public let lockedBy: String?
    /// The principal approved a change to the locked grid: saves are allowed until the teacher marks it done again.
    public let unlocked: Bool
    /// A request to change it waits for the principal.
    public let unlockPending: Bool
    public let lines: [SubjectGridLine]
    /// Grows with every save (the latest change's time in milliseconds): drafts typed over an older one are stale.
    public let version: Int
    /// On the grid a save returns: the pupils whose entries were not saved because another device saved them after
    /// the version the entry was typed on (``SubjectEntry/base``). Their lines hold what the other device saved.
    public internal(set) var conflicts: [StudentID] = []
}

/// What a subject teacher enters for one pupil.
public struct SubjectEntry: Sendable, Equatable {
    public let studentID: StudentID
    public let level: String?
    public let score: Int?
    public let comment: String
    /// The line's ``SubjectGridLine/version`` the entry was typed on, or nil to save whatever is stored (a form of
    /// the whole grid, a workbook).
    public let base: Int?

    public init(studentID: StudentID, level: String?, score: Int?, comment: String = "", base: Int? = nil) {
        self.studentID = studentID
        self.level = level
        self.score = score
        self.comment = comment
        self.base = base
    }
}

/// A request to change a locked class × subject, or a class's homeroom part.
public struct UnlockRequest: Sendable, Equatable {
    /// Where the request stands.
    public enum Status: String, Sendable {
        case pending, approved, refused
        /// Approved, and its one save made: the lock is back.
        case used
    }

    public let id: UUID
    public let classID: ClassID
    public let className: String
    /// The subject, or nil for the homeroom teacher's part (qualities, competencies, comment).
    public let subjectID: SubjectID?
    /// The subject's name, or "Phẩm chất, năng lực".
    public let subjectName: String
    public let checkpoint: Checkpoint
    public let reason: String
    public let status: Status
    public let requestedBy: String
    public let requestedAt: Date
    public let decidedBy: String?
    public let note: String
}
