import FluentKit
import Foundation
import SQLKit

/// How far one class × item (a subject, or the homeroom teacher's part) has been entered at a checkpoint.
public struct CompletionLine: Sendable, Equatable {
    public let classID: ClassID
    public let className: String
    public let grade: Int
    /// The subject's name, or "Phẩm chất, năng lực" for the homeroom teacher's part.
    public let item: String
    /// Who enters it: the subject teacher assigned (or the homeroom teacher), or empty when nobody is.
    public let teacher: String
    /// Pupils attending the class.
    public let pupils: Int
    /// Pupils with a value entered.
    public let entered: Int
    /// Marked done (locked).
    public let done: Bool

    /// Whether something is still to enter.
    public var missing: Int { max(0, pupils - entered) }
}

/// The principal's view of who has not yet entered what (Điều 15).
extension AssessmentService {
    /// Every class × compulsory subject and homeroom part of `year` at `checkpoint`, by grade and class: pupils,
    /// entered, done, and who enters it. Counted by the database in a few grouped statements. Requires
    /// ``Permission/viewSchool``.
    public func completion(year: SchoolYearID, checkpoint: Checkpoint, by caller: Caller) async throws -> [CompletionLine] {
        try caller.require(.viewSchool)
        let classes = try await ClassRow.query(on: database).filter(\.$yearID == year.uuid).sort(\.$sortKey).all()
        guard !classes.isEmpty else { return [] }
        let subjects = try await SubjectRow.query(on: database).filter(\.$isActive == true)
            .filter(\.$status == SubjectStatus.compulsory.rawValue).sort(\.$sortOrder).all()
        let assignments = try await TeachingAssignmentRow.query(on: database).filter(\.$yearID == year.uuid).all()
        let accountIDs = Set(assignments.map(\.accountID) + classes.compactMap(\.homeroomAccountID))
        let accounts = accountIDs.isEmpty ? [] : try await AccountRow.query(on: database).filter(\.$id ~~ Array(accountIDs)).all()
        let names = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id!, $0.name.full) })
        let sql = database.sql()
        var pupils: [UUID: Int] = [:]
        for row in try await sql.raw(
            "SELECT class_id, COUNT(*) AS n FROM enrollments WHERE year_id = \(bind: year.uuid) AND left_on IS NULL GROUP BY class_id"
        ).all() {
            pupils[try row.decode(column: "class_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        var entered: [String: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT v.class_id AS class_id, CASE WHEN v.item LIKE 'homeroom:%' THEN 'homeroom' ELSE v.item END AS item,
            COUNT(DISTINCT v.student_id) AS n FROM assessment_values v JOIN classes c ON c.id = v.class_id
            WHERE c.year_id = \(bind: year.uuid) AND v.checkpoint = \(bind: checkpoint.rawValue) AND v.level IS NOT NULL
            GROUP BY v.class_id, CASE WHEN v.item LIKE 'homeroom:%' THEN 'homeroom' ELSE v.item END
            """
        ).all() {
            let key = "\(try row.decode(column: "class_id", as: UUID.self))|\(try row.decode(column: "item", as: String.self))"
            entered[key] = try row.decode(column: "n", as: Int.self)
        }
        let locks = try await AssessmentLockRow.query(on: database).filter(\.$classID ~~ classes.compactMap(\.id))
            .filter(\.$checkpoint == checkpoint.rawValue).all()
        let locked = Set(locks.map { "\($0.classID)|\($0.item)" })
        var lines: [CompletionLine] = []
        for schoolClass in classes {
            let id = schoolClass.id!
            let count = pupils[id] ?? 0
            func line(_ item: String, _ label: String, teacher: UUID?) -> CompletionLine {
                CompletionLine(
                    classID: ClassID(id), className: schoolClass.name, grade: schoolClass.grade, item: label,
                    teacher: teacher.flatMap { names[$0] } ?? "", pupils: count, entered: entered["\(id)|\(item)"] ?? 0,
                    done: locked.contains("\(id)|\(item)"))
            }
            for subject in subjects where subject.grade == schoolClass.grade {
                let assigned = assignments.first { $0.classID == id && $0.subjectID == subject.id }?.accountID
                lines.append(line(Self.item(SubjectID(subject.id!)), subject.name, teacher: assigned))
            }
            lines.append(line(Self.homeroomItem, "Phẩm chất, năng lực", teacher: schoolClass.homeroomAccountID))
        }
        return lines
    }
}
