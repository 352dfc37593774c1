import FluentKit
import Foundation

/// One pupil's year-end result as the book holds it now.
public struct PupilYearResult: Sendable, Equatable {
    public let studentID: StudentID
    public let position: Int
    public let name: PersonName
    public let outcome: YearEndOutcome
}

/// The year-end results of a class, computed from the end-of-year (CN) values of the book.
extension AssessmentService {
    /// Every attending pupil's result at the end of the year (CN): the subjects of the class's grade with their levels
    /// and scores, the homeroom teacher's qualities and competencies, under the rulebook in force. A value not
    /// entered is reported as missing. Requires ``Permission/readClass(_:)``.
    public func yearResults(class id: ClassID, by caller: Caller) async throws -> [PupilYearResult] {
        try caller.require(.readClass(id))
        let book = try await ClassBook.load(id, checkpoint: .endOfYear, on: database)
        let (schoolClass, rulebook, subjects, byStudent, items) = (book.schoolClass, book.rulebook, book.subjects, book.values, book.items)
        return try await RosterService.lines(of: schoolClass, on: database).filter(\.attending).map { line in
            let mine = Dictionary((byStudent[line.studentID.uuid] ?? []).map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
            let results = subjects.map { subject in
                let stored = mine[Self.item(SubjectID(subject.id!))]
                return YearEndSubject(
                    code: subject.code, name: subject.name, level: stored?.level, scores: stored?.score.map { [$0] } ?? [])
            }
            let competences = items.map { YearEndCompetence(name: $0.name, kind: $0.kind, level: mine[$0.key]?.level) }
            return PupilYearResult(
                studentID: line.studentID, position: line.position, name: line.name,
                outcome: YearEndEvaluator.evaluate(results, competences: competences, grade: schoolClass.grade, rulebook: rulebook))
        }
    }
}

/// What the book holds for one class at one checkpoint: the class, its year's rulebook, the grade's compulsory
/// subjects, the values by pupil and the homeroom items.
struct ClassBook {
    let schoolClass: ClassRow
    let year: SchoolYearRow
    let rulebook: Rulebook
    let subjects: [SubjectRow]
    let values: [UUID: [AssessmentValueRow]]
    let items: [HomeroomItem]

    static func load(_ id: ClassID, checkpoint: Checkpoint, on db: any Database) async throws -> ClassBook {
        guard let schoolClass = try await ClassRow.find(id.uuid, on: db),
            let year = try await SchoolYearRow.find(schoolClass.yearID, on: db)
        else { throw RecordsError.notFound }
        let rulebook = Rulebooks.inForce(yearName: year.name, grade: schoolClass.grade)
        let subjects = try await SubjectRow.query(on: db).filter(\.$grade == schoolClass.grade).filter(\.$isActive == true)
            .filter(\.$status == SubjectStatus.compulsory.rawValue).sort(\.$sortOrder).all()
        let values = try await AssessmentValueRow.query(on: db).filter(\.$classID == id.uuid)
            .filter(\.$checkpoint == checkpoint.rawValue).all()
        return ClassBook(
            schoolClass: schoolClass, year: year, rulebook: rulebook, subjects: subjects,
            values: Dictionary(grouping: values, by: \.studentID), items: AssessmentService.homeroomItems(rulebook))
    }
}
