import FluentKit
import Foundation

/// Corrections (đính chính) to written register entries: the clerk asks with a reason, the principal approves or
/// rejects. Approval applies the change; both outcomes are kept with the values before and after, and audited.
extension RegisterService {
    /// Asks to change entry `id` to `details`. `version` is the entry's version the form was loaded with; a newer
    /// one is refused, as is a second request while one is waiting. The entry is unchanged until the principal
    /// approves. Requires ``Permission/writeRegister`` (the clerk), or being the homeroom teacher of the pupil's
    /// class this year (who updates the pupil's profile at the start of the year: see
    /// ``mayRequestCorrection(of:by:)``).
    @discardableResult
    public func requestCorrection(
        _ id: RegisterEntryID, to details: RegisterDetails, reason: String, version: Int,
        by caller: Caller
    ) async throws -> RegisterCorrection {
        guard let owner = try await RegisterEntryRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        guard try await People.mayRequestChange(StudentID(owner.studentID), by: caller, on: database) else { throw RecordsError.forbidden }
        let proposed = details.cleaned()
        let reason = VietnameseText.clean(reason)
        var problems = proposed.problems()
        if reason.isEmpty { problems.add("reason", "Vui lòng ghi lý do đính chính (căn cứ giấy tờ nào).") }
        if reason.count > 500 { problems.add("reason", "Lý do dài tối đa 500 ký tự.") }
        try problems.throwIfAny()
        let now = clock()
        return try await writer.run(by: caller) { db in
            guard let entry = try await RegisterEntryRow.find(id.uuid, on: db),
                let student = try await StudentRow.find(entry.studentID, on: db)
            else { throw RecordsError.notFound }
            guard entry.version == version else { throw RecordsError.staleEdit }
            let pending = try await RegisterCorrectionRow.query(on: db).filter(\.$entryID == id.uuid)
                .filter(\.$status == CorrectionStatus.pending.rawValue).count()
            if pending > 0 { throw RegisterError.correctionPending }
            let current = Self.details(entry, student: student)
            let changed = current.changedFields(to: proposed)
            if changed.isEmpty { throw FieldProblems("reason", "Nội dung đề nghị giống hệt mục đang ghi trong sổ.") }
            if current.personalID != proposed.personalID {
                try await Self.checkPersonalIDFree(proposed.personalID, student: student.id!, on: db)
            }
            let row = RegisterCorrectionRow()
            row.id = UUID()
            row.entryID = entry.id!
            row.status = CorrectionStatus.pending.rawValue
            row.reason = reason
            row.beforeJSON = AuditEvent.json(current) ?? "{}"
            row.afterJSON = AuditEvent.json(proposed) ?? "{}"
            row.entryVersion = entry.version
            row.requestedByID = caller.accountID?.uuid
            row.requestedByName = caller.displayName
            row.requestedAt = Timestamps.storage(now)
            row.decisionNote = ""
            try await row.create(on: db)
            let event = AuditEvent(
                action: "register.correction.request", entity: AuditEntity.registerCorrection.rawValue,
                entityID: row.id!.uuidString,
                summary: "Đề nghị đính chính sổ đăng bộ số \(entry.numberText) (\(changed.joined(separator: ", "))): \(reason)",
                before: String?.none,
                after: Self.correctionTrace(row, entry: entry, changed: changed))
            return (try Self.correction(row), [event])
        }
    }

    /// Whether `caller` may ask for a change to the pupil's register entry: the clerk, or the homeroom teacher of
    /// the pupil's class this school year.
    public func mayRequestCorrection(of student: StudentID, by caller: Caller) async throws -> Bool {
        try await People.mayRequestChange(student, by: caller, on: database)
    }

    /// Approves a waiting correction and writes its values into the entry; requires
    /// ``Permission/approveCorrections`` (the principal).
    @discardableResult
    public func approveCorrection(_ id: RegisterCorrectionID, note: String = "", by caller: Caller) async throws -> RegisterEntry {
        try caller.require(.approveCorrections)
        let now = clock()
        let note = VietnameseText.clean(note)
        return try await writer.run(by: caller) { db in
            let (row, entry) = try await Self.pendingCorrection(id, on: db)
            guard let student = try await StudentRow.find(entry.studentID, on: db),
                let year = try await SchoolYearRow.find(entry.yearID, on: db)
            else { throw RecordsError.notFound }
            // Only approvals change an entry and only one request waits at a time, so this holds unless the
            // database was changed behind the service's back; never apply a change over values nobody reviewed.
            guard entry.version == row.entryVersion else { throw RecordsError.staleEdit }
            let after = try JSONDecoder().decode(RegisterDetails.self, from: Data(row.afterJSON.utf8))
            let before = Self.details(entry, student: student)
            try await Self.checkPersonalIDFree(after.personalID, student: student.id!, on: db)
            Self.apply(after, to: entry, student: student)
            entry.version += 1
            try await student.update(on: db)
            try await entry.update(on: db)
            row.status = CorrectionStatus.approved.rawValue
            Self.decide(row, by: caller, note: note, at: now)
            try await row.update(on: db)
            let changed = before.changedFields(to: after)
            let event = AuditEvent(
                action: "register.correction.approve", entity: AuditEntity.registerEntry.rawValue,
                entityID: entry.id!.uuidString,
                summary: "Duyệt đính chính sổ đăng bộ số \(entry.numberText): \(changed.joined(separator: ", "))",
                before: ["sha256": Self.fingerprint(before), "version": String(entry.version - 1)],
                after: Self.correctionTrace(row, entry: entry, changed: changed))
            return (Self.value(entry, student: student, yearName: year.name), [event])
        }
    }

    /// Rejects a waiting correction; the entry stays as it was. Requires ``Permission/approveCorrections``.
    @discardableResult
    public func rejectCorrection(_ id: RegisterCorrectionID, note: String, by caller: Caller) async throws -> RegisterCorrection {
        try caller.require(.approveCorrections)
        let note = VietnameseText.clean(note)
        if note.isEmpty { throw FieldProblems("note", "Vui lòng ghi lý do không duyệt.") }
        let now = clock()
        return try await writer.run(by: caller) { db in
            let (row, entry) = try await Self.pendingCorrection(id, on: db)
            row.status = CorrectionStatus.rejected.rawValue
            Self.decide(row, by: caller, note: note, at: now)
            try await row.update(on: db)
            let event = AuditEvent(
                action: "register.correction.reject", entity: AuditEntity.registerCorrection.rawValue,
                entityID: row.id!.uuidString,
                summary: "Không duyệt đính chính sổ đăng bộ số \(entry.numberText): \(note)",
                before: String?.none, after: Self.correctionTrace(row, entry: entry, changed: []))
            return (try Self.correction(row), [event])
        }
    }

    /// Every correction of entry `id`, oldest first; for those who may read the entry (``entry(for:by:)``).
    public func corrections(of id: RegisterEntryID, by caller: Caller) async throws -> [RegisterCorrection] {
        guard let entry = try await RegisterEntryRow.find(id.uuid, on: database) else { throw RecordsError.notFound }
        try await People.requireReadable(StudentID(entry.studentID), by: caller, on: database)
        return try await RegisterCorrectionRow.query(on: database).filter(\.$entryID == id.uuid).sort(\.$requestedAt).all()
            .map(Self.correction)
    }

    /// Corrections waiting for the principal, oldest first; requires ``Permission/readRegister``.
    public func pendingCorrections(by caller: Caller) async throws -> [RegisterCorrection] {
        try caller.require(.readRegister)
        return try await RegisterCorrectionRow.query(on: database).filter(\.$status == CorrectionStatus.pending.rawValue)
            .sort(\.$requestedAt).all().map(Self.correction)
    }

    // MARK: Helpers

    private static func pendingCorrection(_ id: RegisterCorrectionID, on db: any Database) async throws -> (
        RegisterCorrectionRow, RegisterEntryRow
    ) {
        guard let row = try await RegisterCorrectionRow.find(id.uuid, on: db),
            let entry = try await RegisterEntryRow.find(row.entryID, on: db)
        else { throw RecordsError.notFound }
        guard row.status == CorrectionStatus.pending.rawValue else { throw RegisterError.correctionDecided }
        return (row, entry)
    }

    private static func checkPersonalIDFree(_ personalID: String, student: UUID, on db: any Database) async throws {
        guard !personalID.isEmpty else { return }
        if let other = try await StudentRow.query(on: db).filter(\.$personalID == personalID).first(), other.id != student {
            throw FieldProblems("personalID", "Mã định danh này đã thuộc học sinh \(other.name.full).")
        }
    }

    private static func apply(_ details: RegisterDetails, to entry: RegisterEntryRow, student: StudentRow) {
        student.name = details.name
        student.birthDate = details.birthDate.iso
        student.sex = details.sex.rawValue
        student.personalID = details.personalID.isEmpty ? nil : details.personalID
        student.ethnicity = details.ethnicity
        student.placeOfBirth = details.placeOfBirth
        student.hometown = details.hometown
        student.address = details.address
        entry.fatherName = details.fatherName
        entry.motherName = details.motherName
        entry.guardianName = details.guardianName
        entry.entryDate = details.entryDate.iso
        entry.entryGrade = details.entryGrade
        entry.route = details.route.rawValue
        entry.previousSchool = details.previousSchool
        entry.notes = details.notes
    }

    private static func decide(_ row: RegisterCorrectionRow, by caller: Caller, note: String, at now: Date) {
        row.decidedByID = caller.accountID?.uuid
        row.decidedByName = caller.displayName
        row.decidedAt = Timestamps.storage(now)
        row.decisionNote = note
    }

    /// What the audit log keeps of a correction: which entry, which fields, and fingerprints of the values.
    private static func correctionTrace(_ row: RegisterCorrectionRow, entry: RegisterEntryRow, changed: [String]) -> [String: String] {
        [
            "correctionID": row.id!.uuidString.lowercased(), "entryID": entry.id!.uuidString.lowercased(),
            "number": entry.numberText, "status": row.status, "fields": changed.joined(separator: ", "),
            "beforeSha256": SecureToken.sha256Hex(row.beforeJSON), "afterSha256": SecureToken.sha256Hex(row.afterJSON),
        ]
    }

    static func correction(_ row: RegisterCorrectionRow) throws -> RegisterCorrection {
        let decoder = JSONDecoder()
        return RegisterCorrection(
            id: RegisterCorrectionID(row.id!), entryID: RegisterEntryID(row.entryID),
            status: CorrectionStatus(rawValue: row.status) ?? .pending, reason: row.reason,
            before: try decoder.decode(RegisterDetails.self, from: Data(row.beforeJSON.utf8)),
            after: try decoder.decode(RegisterDetails.self, from: Data(row.afterJSON.utf8)),
            requestedBy: row.requestedByName, requestedAt: Timestamps.parseStorage(row.requestedAt) ?? Date(timeIntervalSince1970: 0),
            decidedBy: row.decidedByName, decidedAt: row.decidedAt.flatMap(Timestamps.parseStorage), decisionNote: row.decisionNote)
    }
}
