import Foundation

/// One pupil as an imported file describes it, before it is written into the register.
public struct ImportedPupil: Sendable, Equatable {
    /// The name as read, its order decided by ``NameSplit`` or by the user's correction.
    public var name: PersonName
    /// Ngày sinh, or nil when the cell is not a date.
    public var birthDate: SchoolDate?
    /// Giới tính, or nil.
    public var sex: Sex?
    /// Mã định danh cá nhân, leading zeros restored.
    public var personalID = ""
    /// Dân tộc, as written.
    public var ethnicity = ""
    /// Nơi sinh.
    public var placeOfBirth = ""
    /// Quê quán.
    public var hometown = ""
    /// Nơi ở.
    public var address = ""
    /// The class as the file names it ("3A", "Lớp 3A").
    public var className = ""
    /// Số đăng bộ as the earlier book wrote it, or empty.
    public var registerNumber = ""
    /// Ngày vào trường, or nil (then the first day of the school year).
    public var entryDate: SchoolDate?
    /// The pupil's code in the system the file came from; kept in the register's notes.
    public var pupilCode = ""
    /// Father, mother, guardian: each named one with their phone.
    public var guardians: [NewGuardian] = []

    /// An empty pupil named `name`.
    public init(name: PersonName) { self.name = name }
}

/// One data line of an imported file, with what stops it from being imported and what was assumed.
public struct PupilImportLine: Sendable, Equatable {
    /// The line number in the file, counting from 1 as a spreadsheet does.
    public let line: Int
    /// The pupil read from it.
    public var pupil: ImportedPupil
    /// Problems to fix before the file imports; empty for a good line.
    public var problems: [String]
    /// What was read in a way worth checking (an Ê Đê name split family last, a restored zero).
    public var notes: [String]
    /// Whether the user turned the order of the name's parts round on the preview.
    public var flipped: Bool
}

/// What the user chose on the preview page; kept with the uploaded file.
public struct PupilImportChoices: Sendable, Equatable, Codable {
    /// Column meanings by position (0-based), overriding what the headers say.
    public var columns: [Int: PupilColumn]
    /// Lines whose name is read the other way round.
    public var flippedLines: Set<Int>
    /// The class for lines that name none (a file exported for one class), or empty.
    public var defaultClass: String
    /// Create the classes the file names that the year does not have yet (grade from the name's first digit).
    public var createMissingClasses: Bool

    /// Nothing chosen: columns as the headers say, names as detected.
    public init(
        columns: [Int: PupilColumn] = [:], flippedLines: Set<Int> = [], defaultClass: String = "",
        createMissingClasses: Bool = false
    ) {
        self.columns = columns
        self.flippedLines = flippedLines
        self.defaultClass = defaultClass
        self.createMissingClasses = createMissingClasses
    }
}

/// An uploaded pupil list read against the school: the columns as understood, every line with its problems.
public struct PupilImportPreview: Sendable, Equatable {
    /// The header of each column, as the file writes it (two header rows joined by " – ").
    public var headers: [String]
    /// What each column was read as.
    public var columns: [PupilColumn]
    /// The line numbers of the header rows.
    public var headerLines: [Int]
    /// Every data line.
    public var lines: [PupilImportLine]
    /// A problem with the whole file (unreadable, no header row); then there are no lines.
    public var fileProblem: String?
    /// Problems with the columns (a required one missing, one chosen twice) or classes (too small).
    public var columnProblems: [String]
    /// Classes the file names that the school year does not have.
    public var missingClasses: [String]
    /// Lines entered on the first day of the year because the file gives no entry date.
    public var defaultedEntryDates: Int

    /// Lines with at least one problem.
    public var badLines: [PupilImportLine] { lines.filter { !$0.problems.isEmpty } }
    /// All or nothing: the file imports only when every line and every column is good.
    public var isImportable: Bool { fileProblem == nil && columnProblems.isEmpty && !lines.isEmpty && badLines.isEmpty }

    static func unreadable(_ problem: String) -> PupilImportPreview {
        PupilImportPreview(
            headers: [], columns: [], headerLines: [], lines: [], fileProblem: problem, columnProblems: [],
            missingClasses: [], defaultedEntryDates: 0)
    }
}

/// A stored upload of a pupil list.
public struct PupilImportBatch: Sendable, Equatable {
    /// The batch's ID, used in the preview's address.
    public let id: UUID
    /// The school year the pupils join.
    public let yearID: SchoolYearID
    /// The file's name as uploaded.
    public let filename: String
    /// The choices made so far.
    public let choices: PupilImportChoices
    /// When it was imported, or nil while it is a preview.
    public let importedAt: Date?
}

/// What an import wrote.
public struct PupilImportResult: Sendable, Equatable {
    /// Pupils written into the register.
    public let pupils: Int
    /// Classes created for them.
    public let createdClasses: [String]
}
