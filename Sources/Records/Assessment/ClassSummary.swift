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
    /// The principal's approval of this table, if given (at the rulebook's ``Rulebook/approvedCheckpoints``).
    public let approval: SummaryApproval?
    /// The book's version: the latest change's time in milliseconds.
    public let version: Int

    /// "Nguyễn Thị Ánh: Toán, Yêu nước" for each pupil with a value not entered yet.
    public var gaps: [String] {
        rows.compactMap { row in
            var names: [String] = []
            for (column, value) in zip(subjects, row.subjects) where value.level.isEmpty || (column.tested && value.score.isEmpty) {
                names.append(column.name)
            }
            for (item, level) in zip(items, row.items) where level.isEmpty { names.append(item.name) }
            return names.isEmpty ? nil : "\(row.name.full): \(names.joined(separator: ", "))"
        }
    }
}

/// The principal's approval of a summary table.
public struct SummaryApproval: Sendable, Equatable {
    public let approvedBy: String
    public let approvedAt: Date
    /// Whether the book is as it was approved (nothing changed since).
    public let current: Bool
}

extension AssessmentService {
    /// The summary table of class `id` at `checkpoint`. Requires ``Permission/readClass(_:)``.
    public func summary(class id: ClassID, checkpoint: Checkpoint, by caller: Caller) async throws -> ClassSummary {
        try caller.require(.readClass(id))
        return try await Self.summary(class: id, checkpoint: checkpoint, on: database)
    }

    static func summary(class id: ClassID, checkpoint: Checkpoint, on database: any Database) async throws -> ClassSummary {
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
        let version = byStudent.values.joined().compactMap { Timestamps.storageMillis($0.updatedAt) }.max() ?? 0
        let approval = try await SummaryApprovalRow.query(on: database).filter(\.$classID == id.uuid)
            .filter(\.$checkpoint == checkpoint.rawValue).first().map {
                SummaryApproval(
                    approvedBy: $0.approvedByName, approvedAt: Timestamps.parseStorage($0.approvedAt) ?? Date(timeIntervalSince1970: 0),
                    current: $0.bookVersion >= version)
            }
        return ClassSummary(
            school: try await SchoolHeading.load(on: database), className: schoolClass.name, yearName: year.name, checkpoint: checkpoint,
            rulebook: rulebook, homeroomTeacherName: teacher?.name.full, subjects: columns, items: items, rows: rows, approval: approval,
            version: version)
    }
}

extension AssessmentService {
    /// The principal approves class `id`'s summary table at `checkpoint` (Điều 6.5): only at the rulebook's approved
    /// checkpoints, and only when every value is entered. Approving again after a change records the new version.
    /// Requires ``Permission/controlAssessment``.
    public func approveSummary(class id: ClassID, checkpoint: Checkpoint, by caller: Caller) async throws {
        try caller.require(.controlAssessment)
        let now = clock()
        try await writer.run(by: caller) { db in
            let summary = try await Self.summary(class: id, checkpoint: checkpoint, on: db)
            guard summary.rulebook.approvedCheckpoints.contains(checkpoint) else {
                throw FieldProblems("approval", "Bảng tổng hợp \(checkpoint.label) không cần hiệu trưởng duyệt.")
            }
            let gaps = summary.gaps
            guard gaps.isEmpty else {
                throw FieldProblems(
                    "approval", "Chưa duyệt được: còn \(gaps.count) học sinh chưa đủ kết quả (\(gaps.prefix(3).joined(separator: "; "))).")
            }
            if summary.approval?.current == true { throw FieldProblems("approval", "Bảng tổng hợp đã được duyệt.") }
            try await SummaryApprovalRow.query(on: db).filter(\.$classID == id.uuid).filter(\.$checkpoint == checkpoint.rawValue).delete()
            let row = SummaryApprovalRow()
            row.id = UUID()
            row.classID = id.uuid
            row.checkpoint = checkpoint.rawValue
            row.bookVersion = summary.version
            row.approvedByName = caller.displayName
            row.approvedAt = Timestamps.storage(now)
            try await row.create(on: db)
            let event = AuditEvent(
                action: "assessment.approve", entity: AuditEntity.assessment.rawValue, entityID: "\(id)|\(checkpoint.rawValue)",
                summary: "Duyệt bảng tổng hợp \(checkpoint.label) lớp \(summary.className)",
                before: summary.approval.map { ["approvedBy": $0.approvedBy] }, after: ["approvedBy": caller.displayName])
            return ((), [event])
        }
    }
}
