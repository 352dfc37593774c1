import FluentKit
import Foundation

/// Changing what is locked: the teacher asks with a reason, the principal approves or refuses; an approved request
/// opens one change window, which the teacher closes by marking the item done again: the lock is back.
extension AssessmentService {
    /// Asks to change the locked (done, or past its window) grid. Requires ``Permission/writeSubjectResults(_:_:)``.
    @discardableResult
    public func requestUnlock(
        class id: ClassID, subject: SubjectID, checkpoint: Checkpoint, reason: String, by caller: Caller
    ) async throws -> UnlockRequest {
        try caller.require(.writeSubjectResults(id, subject))
        return try await askUnlock(class: id, checkpoint: checkpoint, item: Self.item(subject), reason: reason, by: caller) { db, today in
            let grid = try await Self.grid(class: id, subject: subject, checkpoint: checkpoint, today: today, on: db)
            return (grid.isOpen, grid.unlockPending, "\(grid.subject.name) \(checkpoint.code) lớp \(grid.className)")
        }
    }

    /// Asks to change the homeroom teacher's locked part (qualities, competencies, comment). Requires
    /// ``Permission/writeClassRecords(_:)``.
    @discardableResult
    public func requestHomeroomUnlock(class id: ClassID, checkpoint: Checkpoint, reason: String, by caller: Caller) async throws
        -> UnlockRequest
    {
        try caller.require(.writeClassRecords(id))
        return try await askUnlock(class: id, checkpoint: checkpoint, item: Self.homeroomItem, reason: reason, by: caller) { db, today in
            let grid = try await Self.homeroomGrid(class: id, checkpoint: checkpoint, today: today, on: db)
            return (grid.isOpen, grid.unlockPending, "phẩm chất, năng lực \(checkpoint.code) lớp \(grid.className)")
        }
    }

    /// Stores a pending request for `item` once `state` (open, already pending, what it is called) allows one.
    private func askUnlock(
        class id: ClassID, checkpoint: Checkpoint, item: String, reason: String, by caller: Caller,
        state: @escaping @Sendable (any Database, SchoolDate) async throws -> (open: Bool, pending: Bool, what: String)
    ) async throws -> UnlockRequest {
        let reason = VietnameseText.clean(reason)
        if reason.isEmpty { throw FieldProblems("reason", "Vui lòng ghi lý do cần sửa.") }
        if reason.count > 500 { throw FieldProblems("reason", "Lý do dài tối đa 500 ký tự.") }
        let now = clock()
        return try await writer.run(by: caller) { db in
            let (open, pending, what) = try await state(db, SchoolDate(now))
            if open { throw FieldProblems("reason", "Sổ đang mở nhập, không cần xin mở khoá.") }
            if pending { throw FieldProblems("reason", "Đã có đề nghị đang chờ hiệu trưởng.") }
            let row = AssessmentUnlockRow()
            row.id = UUID()
            row.classID = id.uuid
            row.checkpoint = checkpoint.rawValue
            row.item = item
            row.reason = reason
            row.status = UnlockRequest.Status.pending.rawValue
            row.requestedByName = caller.displayName
            row.requestedAt = Timestamps.storage(now)
            row.note = ""
            try await row.create(on: db)
            let event = AuditEvent(
                action: "assessment.unlock.request", entity: AuditEntity.assessment.rawValue, entityID: row.id!.uuidString,
                summary: "Đề nghị mở khoá \(what): \(reason)", before: String?.none, after: ["reason": reason])
            return (try await Self.request(row, on: db), [event])
        }
    }

    /// Approves or refuses a waiting request. Requires ``Permission/controlAssessment`` (the principal).
    @discardableResult
    public func decideUnlock(_ id: UUID, approve: Bool, note: String = "", by caller: Caller) async throws -> UnlockRequest {
        try caller.require(.controlAssessment)
        let note = VietnameseText.clean(note)
        if !approve && note.isEmpty { throw FieldProblems("note", "Ghi lý do không đồng ý.") }
        let now = clock()
        return try await writer.run(by: caller) { db in
            guard let row = try await AssessmentUnlockRow.find(id, on: db), row.status == UnlockRequest.Status.pending.rawValue else {
                throw RecordsError.notFound
            }
            row.status = (approve ? UnlockRequest.Status.approved : .refused).rawValue
            row.decidedByName = caller.displayName
            row.decidedAt = Timestamps.storage(now)
            row.note = note
            try await row.update(on: db)
            let request = try await Self.request(row, on: db)
            let verb = approve ? "Đồng ý mở khoá" : "Không đồng ý mở khoá"
            let event = AuditEvent(
                action: approve ? "assessment.unlock.approve" : "assessment.unlock.refuse", entity: AuditEntity.assessment.rawValue,
                entityID: row.id!.uuidString,
                summary: "\(verb) \(request.subjectName) \(request.checkpoint.code) lớp \(request.className)"
                    + (note.isEmpty ? "" : ": \(note)"),
                before: ["status": UnlockRequest.Status.pending.rawValue], after: ["status": row.status])
            return (request, [event])
        }
    }

    /// Requests waiting for the principal, oldest first. Requires ``Permission/controlAssessment``.
    public func pendingUnlocks(by caller: Caller) async throws -> [UnlockRequest] {
        try caller.require(.controlAssessment)
        var result: [UnlockRequest] = []
        for row in try await AssessmentUnlockRow.query(on: database).filter(\.$status == UnlockRequest.Status.pending.rawValue)
            .sort(\.$requestedAt).all()
        {
            result.append(try await Self.request(row, on: database))
        }
        return result
    }

    /// Ends the change window an approved request opened: the request is used and the item locked again (a lock
    /// is made when the item was locked by its window's end rather than by "done").
    static func relock(
        class id: ClassID, checkpoint: Checkpoint, item: String, what: String, locked: Bool, by caller: Caller, at now: Date,
        on db: any Database
    ) async throws -> [AuditEvent] {
        let rows = try await AssessmentUnlockRow.query(on: db).filter(\.$classID == id.uuid)
            .filter(\.$checkpoint == checkpoint.rawValue).filter(\.$item == item)
            .filter(\.$status == UnlockRequest.Status.approved.rawValue).all()
        for row in rows {
            row.status = UnlockRequest.Status.used.rawValue
            try await row.update(on: db)
        }
        var events = [
            AuditEvent(
                action: "assessment.unlock.used", entity: AuditEntity.assessment.rawValue, entityID: rows.first?.id?.uuidString ?? "",
                summary: "Đã sửa sau khi được mở khoá; sổ khoá lại", before: ["status": UnlockRequest.Status.approved.rawValue],
                after: ["status": UnlockRequest.Status.used.rawValue])
        ]
        if !locked {
            events.append(try await lock(class: id, checkpoint: checkpoint, item: item, what: what, by: caller, at: now, on: db))
        }
        return events
    }

    static func request(_ row: AssessmentUnlockRow, on db: any Database) async throws -> UnlockRequest {
        let subjectID = UUID(uuidString: String(row.item.dropFirst("subject:".count))).map(SubjectID.init)
        let className = try await ClassRow.find(row.classID, on: db)?.name ?? ""
        var subjectName = "Phẩm chất, năng lực"
        if let subjectID, let subjectRow = try await SubjectRow.find(subjectID.uuid, on: db) { subjectName = subjectRow.name }
        return UnlockRequest(
            id: row.id!, classID: ClassID(row.classID), className: className, subjectID: subjectID,
            subjectName: subjectName, checkpoint: Checkpoint(rawValue: row.checkpoint) ?? .endTerm1, reason: row.reason,
            status: UnlockRequest.Status(rawValue: row.status) ?? .pending, requestedBy: row.requestedByName,
            requestedAt: Timestamps.parseStorage(row.requestedAt) ?? Date(timeIntervalSince1970: 0), decidedBy: row.decidedByName,
            note: row.note)
    }
}
