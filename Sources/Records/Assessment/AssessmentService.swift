import FluentKit
import Foundation

/// The assessment book's entry: the principal opens a window per grade and checkpoint; subject teachers enter each
/// pupil's level, test score (where the rulebook asks for one) and comment for the classes and subjects assigned to
/// them, checked against the rulebook; "done" locks the class × subject. Every check is made here, not in the page.
public struct AssessmentService: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date
    /// Where the results sent to families at a release point them to.
    public var links = ContactLinks.none

    /// A service over `database`; `clock` decides whether a window is open and dates the audit log.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    var writer: AuditedWrite { AuditedWrite(database: database, clock: clock) }

    // MARK: Windows

    /// Opens (or moves) the entry window of `grade` at `checkpoint` in `year`. Requires
    /// ``Permission/controlAssessment`` (the principal).
    @discardableResult
    public func setWindow(
        year: SchoolYearID, grade: Int, checkpoint: Checkpoint, opensOn: SchoolDate?, closesOn: SchoolDate?, by caller: Caller
    ) async throws -> EntryWindow {
        try caller.require(.controlAssessment)
        var problems = FieldProblems()
        if !(1...5).contains(grade) { problems.add("grade", "Vui lòng chọn khối từ 1 đến 5.") }
        if opensOn == nil { problems.add("opensOn", "Nhập ngày mở (dd/mm/yyyy).") }
        if closesOn == nil { problems.add("closesOn", "Nhập ngày đóng (dd/mm/yyyy).") }
        if let opensOn, let closesOn, closesOn < opensOn { problems.add("closesOn", "Ngày đóng phải sau ngày mở.") }
        try problems.throwIfAny()
        let now = clock()
        return try await writer.run(by: caller) { db in
            guard let yearRow = try await SchoolYearRow.find(year.uuid, on: db) else { throw RecordsError.notFound }
            let row =
                try await AssessmentWindowRow.query(on: db).filter(\.$yearID == year.uuid).filter(\.$grade == grade)
                .filter(\.$checkpoint == checkpoint.rawValue).first() ?? AssessmentWindowRow()
            let before = row.id == nil ? nil : ["opensOn": row.opensOn, "closesOn": row.closesOn]
            if row.id == nil {
                row.id = UUID()
                row.yearID = year.uuid
                row.grade = grade
                row.checkpoint = checkpoint.rawValue
            }
            row.opensOn = opensOn!.iso
            row.closesOn = closesOn!.iso
            row.updatedByName = caller.displayName
            row.updatedAt = Timestamps.storage(now)
            try await row.save(on: db)
            let event = AuditEvent(
                action: "assessment.window", entity: AuditEntity.assessment.rawValue, entityID: row.id!.uuidString,
                summary: "Mở nhập \(checkpoint.code) khối \(grade) năm học \(yearRow.name) từ \(opensOn!.display) đến \(closesOn!.display)",
                before: before, after: ["opensOn": row.opensOn, "closesOn": row.closesOn])
            return (Self.window(row)!, [event])
        }
    }

    /// The windows of `year`, by grade and checkpoint. Requires ``Permission/viewSchool``.
    public func windows(year: SchoolYearID, by caller: Caller) async throws -> [EntryWindow] {
        try caller.require(.viewSchool)
        let rows = try await AssessmentWindowRow.query(on: database).filter(\.$yearID == year.uuid).all()
        let order = Checkpoint.allCases
        return rows.compactMap(Self.window).sorted {
            ($0.grade, order.firstIndex(of: $0.checkpoint)!) < ($1.grade, order.firstIndex(of: $1.checkpoint)!)
        }
    }

    static func window(_ row: AssessmentWindowRow) -> EntryWindow? {
        guard let checkpoint = Checkpoint(rawValue: row.checkpoint), let opens = SchoolDate(iso: row.opensOn),
            let closes = SchoolDate(iso: row.closesOn)
        else { return nil }
        return EntryWindow(grade: row.grade, checkpoint: checkpoint, opensOn: opens, closesOn: closes, updatedBy: row.updatedByName)
    }
}
