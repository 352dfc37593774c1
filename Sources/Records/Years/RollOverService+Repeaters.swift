import FluentKit
import Foundation

extension RollOverService {
    /// The pupils attending a class of the current year, in roster order, with whether each is marked to repeat the
    /// grade. Requires the class's ``Permission/writeClassRecords(_:)`` (its homeroom teacher) or
    /// ``Permission/manageSchool``.
    public func promotion(of id: ClassID, by caller: Caller) async throws -> [PromotionLine] {
        let (_, pupils, marked) = try await Self.promotionState(of: id, by: caller, on: database)
        return pupils.map { PromotionLine(studentID: StudentID($0.id!), name: $0.name, repeats: marked.contains($0.id!)) }
    }

    /// Marks exactly `repeaters` of the class to repeat the grade next year (until the assessment book decides it,
    /// the homeroom teacher does); others are unmarked. Same rights as ``promotion(of:by:)``.
    public func setRepeaters(_ repeaters: Set<StudentID>, in id: ClassID, by caller: Caller) async throws {
        let now = clock()
        try await writer.run(by: caller) { db in
            let (schoolClass, pupils, marked) = try await Self.promotionState(of: id, by: caller, on: db)
            let wanted = Set(repeaters.map(\.uuid)).intersection(pupils.map { $0.id! })
            let added = wanted.subtracting(marked)
            let removed = marked.subtracting(wanted)
            guard !added.isEmpty || !removed.isEmpty else { return ((), []) }
            if !removed.isEmpty {
                try await RepeatMarkRow.query(on: db).filter(\.$yearID == schoolClass.yearID)
                    .filter(\.$studentID ~~ Array(removed)).delete()
            }
            try await Batches.insert(
                added.map { student in
                    let row = RepeatMarkRow()
                    row.id = UUID()
                    row.studentID = student
                    row.yearID = schoolClass.yearID
                    row.markedByName = caller.displayName
                    row.createdAt = Timestamps.storage(now)
                    return row
                }, on: db)
            let names = Dictionary(uniqueKeysWithValues: pupils.map { ($0.id!, $0.name.full) })
            let list = { (ids: Set<UUID>) in ids.compactMap { names[$0] }.sorted().joined(separator: ", ") }
            let event = AuditEvent(
                action: "pupils.repeat", entity: AuditEntity.class.rawValue, entityID: schoolClass.id!.uuidString,
                summary: "Lớp \(schoolClass.name): \(wanted.count) học sinh ở lại lớp năm học sau",
                before: ["repeat": list(marked)], after: ["repeat": list(wanted)])
            return ((), [event])
        }
    }

    static func promotionState(
        of id: ClassID, by caller: Caller, on db: any Database
    ) async throws -> (ClassRow, [StudentRow], Set<UUID>) {
        if !caller.may(.manageSchool) { try caller.require(.writeClassRecords(id)) }
        guard let schoolClass = try await ClassRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
        let year = try await SchoolYears.current(on: db)
        guard schoolClass.yearID == year.id else {
            throw FieldProblems("class", "Chỉ đánh dấu ở lại lớp cho lớp của năm học hiện tại.")
        }
        let ids = try await EnrollmentRow.query(on: db).filter(\.$classID == id.uuid).filter(\.$leftOn == nil).all().map(\.studentID)
        let pupils = try await Batches.rows(StudentRow.self, in: ids, on: db) { $0.filter(\.$id ~~ $1) }
            .sorted { $0.sortKey < $1.sortKey }
        let marked = Set(
            try await RepeatMarkRow.query(on: db).filter(\.$yearID == year.id!).all().map(\.studentID)
        ).intersection(ids)
        return (schoolClass, pupils, marked)
    }
}
