import FluentKit
import Foundation

/// Bảng tổng hợp kết quả đánh giá giáo dục of one class at one checkpoint: every attending pupil's subject levels
/// and scores, qualities and competencies, as the book holds them.
public struct ClassSummary: Sendable, Equatable {
    /// One subject column group.
    public struct SubjectColumn: Sendable, Equatable {
        public let code: String
        public let name: String
        /// Whether the checkpoint has a periodic test in it (a score column).
        public let tested: Bool
    }

    /// One pupil's row.
    public struct Row: Sendable, Equatable {
        public let position: Int
        public let name: PersonName
        /// Level and score by subject, in column order.
        public let subjects: [(level: String, score: String)]
        /// Levels by quality and competency, in column order.
        public let items: [String]
        public let comment: String

        public static func == (lhs: Row, rhs: Row) -> Bool {
            lhs.position == rhs.position && lhs.name == rhs.name && lhs.items == rhs.items && lhs.comment == rhs.comment
                && lhs.subjects.map(\.level) == rhs.subjects.map(\.level) && lhs.subjects.map(\.score) == rhs.subjects.map(\.score)
        }
    }

    public let school: SchoolHeading
    public let className: String
    public let yearName: String
    public let checkpoint: Checkpoint
    public let rulebook: Rulebook
    public let homeroomTeacherName: String?
    public let subjects: [SubjectColumn]
    public let items: [HomeroomItem]
    public let rows: [Row]
}

extension AssessmentService {
    /// The summary table of class `id` at `checkpoint`. Requires ``Permission/readClass(_:)``.
    public func summary(class id: ClassID, checkpoint: Checkpoint, by caller: Caller) async throws -> ClassSummary {
        try caller.require(.readClass(id))
        let book = try await ClassBook.load(id, checkpoint: checkpoint, on: database)
        let (schoolClass, year, rulebook, subjects) = (book.schoolClass, book.year, book.rulebook, book.subjects)
        let (byStudent, items) = (book.values, book.items)
        let columns = subjects.map {
            ClassSummary.SubjectColumn(
                code: $0.code, name: $0.name, tested: rulebook.hasTest(subject: $0.code, grade: schoolClass.grade, at: checkpoint))
        }
        let rows = try await RosterService.lines(of: schoolClass, on: database).filter(\.attending).map { line in
            let mine = Dictionary((byStudent[line.studentID.uuid] ?? []).map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
            return ClassSummary.Row(
                position: line.position, name: line.name,
                subjects: subjects.map { subject in
                    let value = mine[Self.item(SubjectID(subject.id!))]
                    return (value?.level ?? "", value?.score.map(String.init) ?? "")
                },
                items: items.map { mine[$0.key]?.level ?? "" }, comment: mine[Self.commentItem]?.comment ?? "")
        }
        let teacher = try await AccountRow.find(schoolClass.homeroomAccountID, on: database)
        return ClassSummary(
            school: try await SchoolHeading.load(on: database), className: schoolClass.name, yearName: year.name, checkpoint: checkpoint,
            rulebook: rulebook, homeroomTeacherName: teacher?.name.full, subjects: columns, items: items, rows: rows)
    }
}
