import FluentKit
import Foundation

/// A checkpoint's results as a family reads them once the principal has released them.
public struct ReleasedResults: Sendable, Equatable {
    /// One subject's line.
    public struct Line: Sendable, Equatable {
        public let name: String
        public let level: String?
        public let score: Int?
        public let comment: String
    }

    public let checkpoint: Checkpoint
    public let className: String
    public let subjects: [Line]
    /// Qualities and competencies with their levels.
    public let competences: [Line]
    public let comment: String
}

/// Releasing results to families, and what a family sees.
extension AssessmentService {
    /// Releases `checkpoint` of `year` to families, queueing each family its own child's results by the channels it
    /// chose. Requires ``Permission/controlAssessment`` (the principal).
    public func release(year: SchoolYearID, checkpoint: Checkpoint, by caller: Caller) async throws {
        try caller.require(.controlAssessment)
        let now = clock()
        try await writer.run(by: caller) { db in
            guard let yearRow = try await SchoolYearRow.find(year.uuid, on: db) else { throw RecordsError.notFound }
            if try await AssessmentReleaseRow.query(on: db).filter(\.$yearID == year.uuid).filter(\.$checkpoint == checkpoint.rawValue)
                .first() != nil
            {
                throw FieldProblems("checkpoint", "Kết quả \(checkpoint.code) năm học \(yearRow.name) đã được công bố.")
            }
            let row = AssessmentReleaseRow()
            row.id = UUID()
            row.yearID = year.uuid
            row.checkpoint = checkpoint.rawValue
            row.releasedByName = caller.displayName
            row.releasedAt = Timestamps.storage(now)
            try await row.create(on: db)
            try await ContactNotices.results(
                year: year.uuid, yearName: yearRow.name, checkpoint: checkpoint, links: links, at: now, on: db)
            let event = AuditEvent(
                action: "assessment.release", entity: AuditEntity.assessment.rawValue, entityID: row.id!.uuidString,
                summary: "Công bố kết quả \(checkpoint.code) năm học \(yearRow.name) cho phụ huynh", before: String?.none,
                after: ["checkpoint": checkpoint.rawValue])
            return ((), [event])
        }
    }

    /// The checkpoints of `year` released to families. Requires ``Permission/viewSchool``.
    public func released(year: SchoolYearID, by caller: Caller) async throws -> [Checkpoint] {
        try caller.require(.viewSchool)
        return try await Self.released(year: year.uuid, on: database)
    }

    static func released(year: UUID, on db: any Database) async throws -> [Checkpoint] {
        let rows = try await AssessmentReleaseRow.query(on: db).filter(\.$yearID == year).all()
        let released = Set(rows.compactMap { Checkpoint(rawValue: $0.checkpoint) })
        return Checkpoint.allCases.filter(released.contains)
    }

    /// The released results of the caller's own child `student` in its class of the current year, oldest
    /// checkpoint first; nothing of a checkpoint not released. A parent sees only a child linked to them.
    public func familyResults(of student: StudentID, by caller: Caller) async throws -> [ReleasedResults] {
        _ = try await FamilyService.link(of: student, by: caller, on: database)
        let year = try await SchoolYears.current(on: database)
        guard
            let enrollment = try await EnrollmentRow.query(on: database).filter(\.$studentID == student.uuid)
                .filter(\.$yearID == year.id!).first(), let schoolClass = try await ClassRow.find(enrollment.classID, on: database)
        else { return [] }
        let rulebook = Rulebooks.inForce(yearName: year.name, grade: schoolClass.grade)
        let subjects = try await SubjectRow.query(on: database).filter(\.$grade == schoolClass.grade).filter(\.$isActive == true)
            .sort(\.$sortOrder).all()
        var result: [ReleasedResults] = []
        for checkpoint in try await Self.released(year: year.id!, on: database) {
            let values = try await AssessmentValueRow.query(on: database).filter(\.$studentID == student.uuid)
                .filter(\.$classID == schoolClass.id!).filter(\.$checkpoint == checkpoint.rawValue).all()
            let byItem = Dictionary(values.map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
            let lines = subjects.compactMap { subject -> ReleasedResults.Line? in
                guard let value = byItem[Self.item(SubjectID(subject.id!))] else { return nil }
                return ReleasedResults.Line(name: subject.name, level: value.level, score: value.score, comment: value.comment)
            }
            let competences = Self.homeroomItems(rulebook).compactMap { item -> ReleasedResults.Line? in
                guard let value = byItem[item.key] else { return nil }
                return ReleasedResults.Line(name: item.name, level: value.level, score: nil, comment: "")
            }
            result.append(
                ReleasedResults(
                    checkpoint: checkpoint, className: schoolClass.name, subjects: lines, competences: competences,
                    comment: byItem[Self.commentItem]?.comment ?? ""))
        }
        return result
    }
}
