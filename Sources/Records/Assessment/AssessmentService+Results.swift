import FluentKit
import Foundation

/// One pupil's year-end result as the book holds it now.
public struct PupilYearResult: Sendable, Equatable {
    public let studentID: StudentID
    public let position: Int
    public let name: PersonName
    /// The result on the year's values, the supplementary assessment's last attempt counting.
    public let outcome: YearEndOutcome
    public let followUp: YearEndFollowUp
    /// "Hoàn thành chương trình lớp học" — in grade 5 "Hoàn thành chương trình tiểu học" — or "Chưa hoàn thành
    /// chương trình lớp học"; nil while values are missing.
    public let completion: String?
}

/// The year-end results of a class, computed from the end-of-year (CN) values of the book.
extension AssessmentService {
    /// Every attending pupil's result at the end of the year (CN): the subjects of the class's grade with their levels
    /// and scores (a supplementary assessment's level and score counting last), the homeroom teacher's qualities and
    /// competencies, under the rulebook in force, with what follows (support plan, nomination, the principal's
    /// decision). A value not entered is reported as missing. Requires ``Permission/readClass(_:)``.
    public func yearResults(class id: ClassID, by caller: Caller) async throws -> [PupilYearResult] {
        try caller.require(.readClass(id))
        return try await Self.yearResults(class: id, on: database)
    }

    static let retestPrefix = "retest:"

    static func yearResults(class id: ClassID, on db: any Database) async throws -> [PupilYearResult] {
        let book = try await ClassBook.load(id, checkpoint: .endOfYear, on: db)
        let (schoolClass, rulebook, subjects, byStudent, items) = (book.schoolClass, book.rulebook, book.subjects, book.values, book.items)
        let followUps = Dictionary(
            try await YearEndFollowUpRow.query(on: db).filter(\.$yearID == schoolClass.yearID).filter(\.$classID == id.uuid).all()
                .map { ($0.studentID, $0) }, uniquingKeysWith: { a, _ in a })
        return try await RosterService.lines(of: schoolClass, on: db).filter(\.attending).map { line in
            let mine = Dictionary((byStudent[line.studentID.uuid] ?? []).map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
            var retests: [String] = []
            let competences = items.map { YearEndCompetence(name: $0.name, kind: $0.kind, level: mine[$0.key]?.level) }
            let attempts = subjects.map { subject -> (first: YearEndSubject, last: YearEndSubject) in
                let item = Self.item(SubjectID(subject.id!))
                let stored = mine[item]
                let first = YearEndSubject(
                    code: subject.code, name: subject.name, level: stored?.level, scores: stored?.score.map { [$0] } ?? [])
                guard let retest = mine[Self.retestPrefix + item] else { return (first, first) }
                retests.append(
                    "\(subject.name): " + [retest.level, retest.score.map { "điểm \($0)" }].compactMap { $0 }.joined(separator: ", "))
                let last = YearEndSubject(
                    code: subject.code, name: subject.name, level: retest.level ?? stored?.level,
                    scores: first.scores + (retest.score.map { [$0] } ?? []))
                return (first, last)
            }
            let (firstTry, results) = (attempts.map(\.first), attempts.map(\.last))
            var outcome = YearEndEvaluator.evaluate(results, competences: competences, grade: schoolClass.grade, rulebook: rulebook)
            let before =
                retests.isEmpty
                ? outcome : YearEndEvaluator.evaluate(firstTry, competences: competences, grade: schoolClass.grade, rulebook: rulebook)
            let row = followUps[line.studentID.uuid]
            let followUp =
                row.map { Self.followUp($0, retests: retests, mayRetest: before.completesGrade == false) }
                ?? YearEndFollowUp(
                    supportPlan: "", nomination: nil, decision: nil, retests: retests, mayRetest: before.completesGrade == false)
            if followUp.nomination?.status == .approved { outcome = outcome.adding(award: YearEndOutcome.exemplaryAward) }
            let completion = outcome.completesGrade.map { completes in
                !completes
                    ? "Chưa hoàn thành chương trình lớp học"
                    : schoolClass.grade == 5 ? "Hoàn thành chương trình tiểu học" : "Hoàn thành chương trình lớp học"
            }
            return PupilYearResult(
                studentID: line.studentID, position: line.position, name: line.name, outcome: outcome, followUp: followUp,
                completion: completion)
        }
    }

    static func followUp(_ row: YearEndFollowUpRow, retests: [String], mayRetest: Bool) -> YearEndFollowUp {
        let nomination = row.nominationStatus.flatMap(Nomination.Status.init(rawValue:)).map {
            Nomination(
                achievement: row.nomination, status: $0, nominatedBy: row.nominatedByName ?? "", decidedBy: row.nominationDecidedByName,
                note: row.nominationNote)
        }
        let decision = row.decision.map {
            PromotionDecision(
                promotes: $0 == "promote", decidedBy: row.decidedByName ?? "",
                decidedAt: row.decidedAt.flatMap(Timestamps.parseStorage) ?? Date(timeIntervalSince1970: 0), note: row.decisionNote)
        }
        return YearEndFollowUp(
            supportPlan: row.supportPlan, nomination: nomination, decision: decision, retests: retests,
            mayRetest: mayRetest && decision == nil)
    }
}

/// What the book holds for one class at one checkpoint: the class, its year's rulebook, the grade's compulsory
/// subjects, the values by pupil and the homeroom items.
struct ClassBook {
    let schoolClass: ClassRow
    let year: SchoolYearRow
    let rulebook: Rulebook
    let subjects: [SubjectRow]
    let values: [UUID: [StoredValue]]
    let items: [HomeroomItem]

    static func load(_ id: ClassID, checkpoint: Checkpoint, on db: any Database) async throws -> ClassBook {
        guard let schoolClass = try await ClassRow.find(id.uuid, on: db),
            let year = try await SchoolYearRow.find(schoolClass.yearID, on: db)
        else { throw RecordsError.notFound }
        let rulebook = Rulebooks.inForce(yearName: year.name, grade: schoolClass.grade)
        let subjects = try await SubjectRow.query(on: db).filter(\.$grade == schoolClass.grade).filter(\.$isActive == true)
            .filter(\.$status == SubjectStatus.compulsory.rawValue).sort(\.$sortOrder).all()
        let values = try await StoredValue.load(class: id.uuid, checkpoint: checkpoint, items: .all, on: db)
        return ClassBook(
            schoolClass: schoolClass, year: year, rulebook: rulebook, subjects: subjects,
            values: Dictionary(grouping: values, by: \.studentID), items: AssessmentService.homeroomItems(rulebook))
    }
}
