import Foundation

/// One quality or competency of the rulebook, as a column of the homeroom teacher's grid.
public struct HomeroomItem: Sendable, Equatable {
    /// The key its values are stored and posted under.
    public let key: String
    public let name: String
    /// "phẩm chất" or "năng lực".
    public let kind: String
}

/// One pupil's line of the homeroom teacher's grid.
public struct HomeroomGridLine: Sendable, Equatable {
    public let studentID: StudentID
    public let position: Int
    public let name: PersonName
    public let attending: Bool
    /// T, Đ or C by item key; an item not entered is absent.
    public let levels: [String: String]
    /// The general comment.
    public let comment: String
    /// When the pupil's values were last saved, in milliseconds (0 when none is stored).
    public let version: Int
    /// Who saved them last.
    public let updatedBy: String?
}

/// The homeroom teacher's part of a class at a checkpoint: qualities, competencies and the general comment.
public struct HomeroomGrid: Sendable, Equatable {
    public let classID: ClassID
    public let className: String
    public let grade: Int
    public let checkpoint: Checkpoint
    public let rulebook: Rulebook
    public let items: [HomeroomItem]
    public let window: EntryWindow?
    public let isOpen: Bool
    public let lockedBy: String?
    /// The principal approved a change to the locked part: saves are allowed until it is marked done again.
    public let unlocked: Bool
    /// A request to change it waits for the principal.
    public let unlockPending: Bool
    public let lines: [HomeroomGridLine]
    public let version: Int
    /// On the grid a save returns: the pupils not saved because another device saved them after the entry's base.
    public internal(set) var conflicts: [StudentID] = []
}

/// What the homeroom teacher enters for one pupil: a level (or nil to clear) by item key, and the general comment
/// (nil leaves it as it is).
public struct HomeroomEntry: Sendable, Equatable {
    public let studentID: StudentID
    public let levels: [String: String?]
    public let comment: String?
    /// The line's ``HomeroomGridLine/version`` the entry was typed on, or nil to save whatever is stored.
    public let base: Int?

    public init(studentID: StudentID, levels: [String: String?], comment: String? = nil, base: Int? = nil) {
        self.studentID = studentID
        self.levels = levels
        self.comment = comment
        self.base = base
    }
}

extension HomeroomGrid {
    /// The grid with `cells` written by `editor` at `version` (milliseconds), as a save leaves it: what a re-read of
    /// the book would give, without the read.
    func applying(_ cells: [ValueCell], by editor: String, at version: Int) -> HomeroomGrid {
        let byStudent = Dictionary(grouping: cells, by: \.student)
        let lines = lines.map { line -> HomeroomGridLine in
            guard let mine = byStudent[line.studentID.uuid] else { return line }
            var levels = line.levels
            var comment = line.comment
            for cell in mine {
                if cell.item == AssessmentService.commentItem { comment = cell.comment } else { levels[cell.item] = cell.level }
            }
            return HomeroomGridLine(
                studentID: line.studentID, position: line.position, name: line.name, attending: line.attending, levels: levels,
                comment: comment, version: version, updatedBy: editor)
        }
        return HomeroomGrid(
            classID: classID, className: className, grade: grade, checkpoint: checkpoint, rulebook: rulebook, items: items, window: window,
            isOpen: isOpen, lockedBy: lockedBy, unlocked: unlocked, unlockPending: unlockPending, lines: lines,
            version: cells.isEmpty ? self.version : max(self.version, version))
    }
}
