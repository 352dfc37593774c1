import FluentKit
import Foundation

/// A pupil's photo consent as the family recorded it: the family's, and the child's own from the age of 7 (Personal
/// Data Protection Law 2025). Without it no photo showing the pupil goes out in the contact book.
public struct PhotoConsent: Sendable, Equatable {
    public var family: Bool
    public var child: Bool
    /// The child's age in whole years today.
    public let age: Int

    /// Whether the child's own consent is needed too.
    public var childMustConsent: Bool { age >= Self.childConsentAge }
    /// Whether a photo showing the pupil may be sent.
    public var allowsPhotos: Bool { family && (child || !childMustConsent) }

    /// From this age the child consents too [U: the law says "trẻ em từ đủ 7 tuổi"; kept as a setting here].
    public static let childConsentAge = 7
}

/// A family's report of a message it found wrong, for the principal.
public struct ContactReport: Sendable, Equatable {
    public let id: UUID
    public let guardianName: String
    public let about: String
    /// The announcement reported, or the pupil whose conversation holds the message.
    public let announcementID: UUID?
    public let studentID: StudentID?
    public let excerpt: String
    public let reason: String
    public let createdAt: Date
    public let resolvedBy: String?
}

extension ContactBook {
    /// The photo consent of the signed-in parent's child `student`.
    public func photoConsent(of student: StudentID, by caller: Caller) async throws -> PhotoConsent {
        _ = try await FamilyService.link(of: student, by: caller, on: database)
        return try await Self.consents([student.uuid], at: clock(), on: database)[student.uuid]
            ?? PhotoConsent(family: false, child: false, age: 0)
    }

    /// Records the signed-in parent's answer for their child `student` (audited). The child's own consent counts only
    /// with the family's.
    public func setPhotoConsent(of student: StudentID, family: Bool, child: Bool, by caller: Caller) async throws {
        _ = try await FamilyService.link(of: student, by: caller, on: database)
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let row = try await PhotoConsentRow.query(on: db).filter(\.$studentID == student.uuid).first() ?? PhotoConsentRow()
            let before = row.id.map { _ in ["family": "\(row.familyConsents)", "child": "\(row.childConsents)"] }
            if row.id == nil {
                row.id = UUID()
                row.studentID = student.uuid
            }
            row.familyConsents = family
            row.childConsents = family && child
            row.recordedBy = caller.displayName
            row.updatedAt = Timestamps.storage(now)
            try await row.save(on: db)
            let event = AuditEvent(
                action: "contact.photo-consent", entity: AuditEntity.contact.rawValue, entityID: "\(student)",
                summary: family ? "Gia đình đồng ý cho đăng ảnh có hình học sinh" : "Gia đình không đồng ý đăng ảnh có hình học sinh",
                before: before, after: ["family": "\(family)", "child": "\(family && child)"])
            return ((), [event])
        }
    }

    /// The consents of `students`, with each child's age at `now`.
    static func consents(_ students: [UUID], at now: Date, on db: any Database) async throws -> [UUID: PhotoConsent] {
        let today = SchoolDate(now)
        var result: [UUID: PhotoConsent] = [:]
        for chunk in students.chunked(400) {
            let rows = Dictionary(
                try await PhotoConsentRow.query(on: db).filter(\.$studentID ~~ chunk).all().map { ($0.studentID, $0) },
                uniquingKeysWith: { a, _ in a })
            for student in try await StudentRow.query(on: db).filter(\.$id ~~ chunk).all() {
                let born = SchoolDate(iso: student.birthDate)
                let age = born.map { today.year - $0.year - ((today.month, today.day) < ($0.month, $0.day) ? 1 : 0) } ?? 0
                let row = rows[student.id!]
                result[student.id!] = PhotoConsent(family: row?.familyConsents ?? false, child: row?.childConsents ?? false, age: age)
            }
        }
        return result
    }

    /// The signed-in parent reports an announcement they received, or a school message about their child.
    public func report(announcement: UUID? = nil, message: UUID? = nil, reason: String, by caller: Caller) async throws {
        let text = VietnameseText.clean(reason)
        if text.isEmpty { throw FieldProblems("reason", "Cho nhà trường biết điều gì chưa đúng.") }
        if text.count > 2_000 { throw FieldProblems("reason", "Nội dung dài quá 2.000 ký tự.") }
        let guardian = try await FamilyService.guardianID(of: caller, on: database)
        if let announcement {
            _ = try await received(announcement, by: caller)
        } else if let message {
            guard let row = try await ContactMessageRow.find(message, on: database), !row.fromFamily,
                let thread = try await ContactThreadRow.find(row.threadID, on: database)
            else { throw RecordsError.notFound }
            _ = try await FamilyService.link(of: StudentID(thread.studentID), by: caller, on: database)
        } else {
            throw RecordsError.notFound
        }
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            let row = ContactReportRow()
            row.id = UUID()
            row.guardianID = guardian
            row.announcementID = announcement
            row.messageID = message
            row.reason = text
            row.createdAt = Timestamps.storage(now)
            try await row.create(on: db)
            let event = AuditEvent(
                action: "contact.report", entity: AuditEntity.contact.rawValue, entityID: (announcement ?? message)!.uuidString,
                summary: "Phụ huynh báo cáo \(announcement != nil ? "một thông báo" : "một tin nhắn")", before: String?.none,
                after: ["reason": text])
            return ((), [event])
        }
    }

    /// The families' reports, open ones first, for the principal (``Permission/controlAssessment``).
    public func reports(by caller: Caller) async throws -> [ContactReport] {
        try caller.require(.controlAssessment)
        let rows = try await ContactReportRow.query(on: database).sort(\.$createdAt, .descending).limit(200).all()
        let guardians = Dictionary(
            uniqueKeysWithValues: try await GuardianRow.query(on: database).filter(\.$id ~~ rows.map(\.guardianID)).all().map {
                ($0.id!, $0.name.full)
            })
        var reports: [ContactReport] = []
        for row in rows {
            var about = ""
            var excerpt = ""
            var student: StudentID?
            if let id = row.announcementID, let announcement = try await AnnouncementRow.find(id, on: database) {
                (about, excerpt) = (
                    "Thông báo “\(announcement.title)” của \(announcement.authorName)", String(announcement.body.prefix(160))
                )
            } else if let id = row.messageID, let message = try await ContactMessageRow.find(id, on: database),
                let thread = try await ContactThreadRow.find(message.threadID, on: database)
            {
                student = StudentID(thread.studentID)
                let name = try await StudentRow.find(thread.studentID, on: database)?.name.full ?? ""
                (about, excerpt) = ("Tin nhắn của \(message.authorName) về \(name)", String(message.body.prefix(160)))
            }
            reports.append(
                ContactReport(
                    id: row.id!, guardianName: guardians[row.guardianID] ?? "", about: about, announcementID: row.announcementID,
                    studentID: student, excerpt: excerpt, reason: row.reason,
                    createdAt: Timestamps.parseStorage(row.createdAt) ?? Date(timeIntervalSince1970: 0), resolvedBy: row.resolvedBy))
        }
        return reports.sorted {
            ($0.resolvedBy == nil ? 0 : 1, -$0.createdAt.timeIntervalSince1970) < (
                $1.resolvedBy == nil ? 0 : 1, -$1.createdAt.timeIntervalSince1970
            )
        }
    }

    /// The principal marks a report dealt with (audited; the report is kept).
    public func resolveReport(_ id: UUID, by caller: Caller) async throws {
        try caller.require(.controlAssessment)
        guard let row = try await ContactReportRow.find(id, on: database) else { throw RecordsError.notFound }
        guard row.resolvedAt == nil else { return }
        let now = clock()
        try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            row.resolvedAt = Timestamps.storage(now)
            row.resolvedBy = caller.displayName
            try await row.update(on: db)
            let event = AuditEvent(
                action: "contact.report-resolved", entity: AuditEntity.contact.rawValue, entityID: id.uuidString,
                summary: "Đã xử lý báo cáo của phụ huynh", before: String?.none, after: ["resolvedBy": caller.displayName])
            return ((), [event])
        }
    }
}
