import FluentKit
import Foundation
import SQLKit

/// What follows the year-end results (TT27 Art. 12, 15): the "Tiêu biểu" nomination the principal approves, the
/// support plan and supplementary assessment of a pupil who has not completed, and the principal's decision to
/// promote or keep them back, which the roll-over follows.
extension AssessmentService {
    /// Nominates a pupil whose result is "Hoàn thành tốt" for "Học sinh Tiêu biểu", naming the achievement. Requires
    /// ``Permission/writeClassRecords(_:)`` (the homeroom teacher).
    public func nominate(_ student: StudentID, class id: ClassID, achievement: String, by caller: Caller) async throws {
        try caller.require(.writeClassRecords(id))
        let achievement = VietnameseText.clean(achievement)
        if achievement.isEmpty { throw FieldProblems("achievement", "Ghi thành tích nổi bật hoặc sự tiến bộ của học sinh.") }
        if achievement.count > 500 { throw FieldProblems("achievement", "Thành tích dài tối đa 500 ký tự.") }
        try await followUp(student, class: id, by: caller) { pupil, row in
            guard pupil.outcome.mayBeNominated else {
                throw FieldProblems("achievement", "Chỉ đề nghị khen thưởng Tiêu biểu cho học sinh Hoàn thành tốt.")
            }
            if row.nominationStatus == Nomination.Status.approved.rawValue {
                throw FieldProblems("achievement", "Hiệu trưởng đã duyệt đề nghị này.")
            }
            row.nomination = achievement
            row.nominationStatus = Nomination.Status.pending.rawValue
            row.nominatedByName = caller.displayName
            row.nominationDecidedByName = nil
            row.nominationNote = ""
            return ("assessment.nominate", "Đề nghị khen thưởng Học sinh Tiêu biểu: \(pupil.name.full)", ["nomination": achievement])
        }
    }

    /// Approves or refuses a waiting nomination; a refusal needs its reason. Requires
    /// ``Permission/controlAssessment`` (the principal).
    public func decideNomination(_ student: StudentID, class id: ClassID, approve: Bool, note: String = "", by caller: Caller) async throws
    {
        try caller.require(.controlAssessment)
        let note = VietnameseText.clean(note)
        if !approve && note.isEmpty { throw FieldProblems("note", "Ghi lý do không duyệt.") }
        try await followUp(student, class: id, by: caller) { pupil, row in
            guard row.nominationStatus == Nomination.Status.pending.rawValue else { throw RecordsError.notFound }
            row.nominationStatus = (approve ? Nomination.Status.approved : .refused).rawValue
            row.nominationDecidedByName = caller.displayName
            row.nominationNote = note
            let verb = approve ? "Duyệt" : "Không duyệt"
            return (
                "assessment.nomination.\(approve ? "approve" : "refuse")", "\(verb) khen thưởng Tiêu biểu: \(pupil.name.full)",
                ["note": note]
            )
        }
    }

    /// The homeroom teacher's plan for a pupil who has not completed the grade. Requires
    /// ``Permission/writeClassRecords(_:)``.
    public func setSupportPlan(_ student: StudentID, class id: ClassID, plan: String, by caller: Caller) async throws {
        try caller.require(.writeClassRecords(id))
        let plan = VietnameseText.clean(plan)
        if plan.isEmpty { throw FieldProblems("plan", "Ghi kế hoạch hướng dẫn, giúp đỡ học sinh.") }
        if plan.count > 2000 { throw FieldProblems("plan", "Kế hoạch dài tối đa 2000 ký tự.") }
        try await followUp(student, class: id, by: caller) { pupil, row in
            guard pupil.followUp.mayRetest || pupil.outcome.completesGrade == false else {
                throw FieldProblems("plan", "\(pupil.name.full) đã hoàn thành chương trình lớp học.")
            }
            row.supportPlan = plan
            row.supportPlanByName = caller.displayName
            return ("assessment.support", "Kế hoạch giúp đỡ \(pupil.name.full)", ["plan": plan])
        }
    }

    /// The supplementary assessment of one subject for a pupil who has not completed on the year's values: its level
    /// and score count as the last attempt. Refused once the principal has decided. Requires
    /// ``Permission/writeSubjectResults(_:_:)``.
    public func saveRetest(
        _ student: StudentID, class id: ClassID, subject: SubjectID, level: String?, score: Int?, by caller: Caller
    ) async throws {
        try caller.require(.writeSubjectResults(id, subject))
        try await followUp(student, class: id, by: caller) { pupil, row in
            guard pupil.followUp.mayRetest else {
                throw FieldProblems("retest", "Không còn đánh giá bổ sung cho \(pupil.name.full).")
            }
            let grid = try await Self.grid(class: id, subject: subject, checkpoint: .endOfYear, today: SchoolDate(self.clock()), on: row.db)
            if level == nil && score == nil { throw FieldProblems("retest", "Nhập mức đạt được hoặc điểm đánh giá bổ sung.") }
            try Self.problems([SubjectEntry(studentID: student, level: level, score: score)], in: grid).throwIfAny()
            let cell = ValueCell(
                student: student.uuid, item: Self.retestPrefix + Self.item(subject), level: level, score: score, comment: "")
            try await ValueCell.upsert([cell], class: id, checkpoint: .endOfYear, by: caller, at: self.clock(), on: row.db)
            let value = [level, score.map { "điểm \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return ("assessment.retest", "Đánh giá bổ sung \(grid.subject.name): \(pupil.name.full)", ["retest": value])
        }
    }

    /// The principal's decision for a pupil who has still not completed after the supplementary assessment: promote,
    /// or keep back (marked to repeat, which the roll-over follows). Requires ``Permission/controlAssessment``.
    public func decidePromotion(_ student: StudentID, class id: ClassID, promotes: Bool, note: String = "", by caller: Caller)
        async throws
    {
        try caller.require(.controlAssessment)
        let note = VietnameseText.clean(note)
        let now = clock()
        try await followUp(student, class: id, by: caller) { pupil, row in
            guard pupil.outcome.completesGrade == false else {
                throw FieldProblems("decision", "\(pupil.name.full) không cần quyết định: chưa đủ kết quả hoặc đã hoàn thành.")
            }
            row.decision = promotes ? "promote" : "repeat"
            row.decidedByName = caller.displayName
            row.decidedAt = Timestamps.storage(now)
            row.decisionNote = note
            try await RepeatMarkRow.query(on: row.db).filter(\.$yearID == row.yearID).filter(\.$studentID == student.uuid).delete()
            if !promotes {
                let mark = RepeatMarkRow()
                mark.id = UUID()
                mark.studentID = student.uuid
                mark.yearID = row.yearID
                mark.markedByName = caller.displayName
                mark.createdAt = Timestamps.storage(now)
                try await mark.create(on: row.db)
            }
            let verb = promotes ? "Cho lên lớp" : "Ở lại lớp"
            return ("assessment.decide", "\(verb): \(pupil.name.full)", ["decision": verb, "note": note])
        }
    }

    /// The pupil's follow-up row with the database it lives in, for a change: its fields read and written as the
    /// row's own.
    @dynamicMemberLookup
    struct FollowUpEdit {
        let row: YearEndFollowUpRow
        let db: any Database

        subscript<T>(dynamicMember path: ReferenceWritableKeyPath<YearEndFollowUpRow, T>) -> T {
            get { row[keyPath: path] }
            nonmutating set { row[keyPath: path] = newValue }
        }
    }

    /// Loads the pupil's result and follow-up row (made when missing), lets `change` edit it, saves it and audits
    /// the change with its before and after, all in one transaction.
    private func followUp(
        _ student: StudentID, class id: ClassID, by caller: Caller,
        change:
            @escaping @Sendable (PupilYearResult, FollowUpEdit) async throws -> (action: String, summary: String, after: [String: String])
    ) async throws {
        let now = clock()
        try await writer.run(by: caller) { db in
            guard let pupil = try await Self.yearResults(class: id, on: db).first(where: { $0.studentID == student }),
                let schoolClass = try await ClassRow.find(id.uuid, on: db)
            else { throw RecordsError.notFound }
            let row =
                try await YearEndFollowUpRow.query(on: db).filter(\.$yearID == schoolClass.yearID)
                .filter(\.$studentID == student.uuid).first() ?? Self.newFollowUp(student, schoolClass)
            let before = Self.trace(row)
            let (action, summary, after) = try await change(pupil, FollowUpEdit(row: row, db: db))
            row.updatedAt = Timestamps.storage(now)
            try await row.save(on: db)
            let event = AuditEvent(
                action: action, entity: AuditEntity.assessment.rawValue, entityID: "\(id)|\(student)", summary: summary,
                before: before, after: after)
            return ((), [event])
        }
    }

    static func newFollowUp(_ student: StudentID, _ schoolClass: ClassRow) -> YearEndFollowUpRow {
        let row = YearEndFollowUpRow()
        row.id = UUID()
        row.yearID = schoolClass.yearID
        row.classID = schoolClass.id!
        row.studentID = student.uuid
        row.supportPlan = ""
        row.nomination = ""
        row.nominationNote = ""
        row.decisionNote = ""
        return row
    }

    static func trace(_ row: YearEndFollowUpRow) -> [String: String] {
        [
            "plan": row.supportPlan, "nomination": "\(row.nominationStatus ?? "—") \(row.nomination)",
            "decision": row.decision ?? "—",
        ]
    }
}
