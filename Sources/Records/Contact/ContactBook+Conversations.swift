import FluentKit
import Foundation

/// Private conversations, one per child, between the school — the child's homeroom teacher this year, and the
/// principal — and the child's guardians (Điều 8.6b): both ways, read receipts, the teacher's reply time visible
/// to the principal. A teacher writes only about pupils of their class, a parent only about their own children;
/// anyone else asking is told the child does not exist.
extension ContactBook {
    /// Whether `caller` speaks for the school about `student`: the homeroom teacher of the pupil's class this year,
    /// or the principal.
    func staffMay(_ student: UUID, _ caller: Caller, on db: any Database) async throws -> Bool {
        guard !caller.isParent else { return false }
        if caller.may(.controlAssessment) { return true }
        guard let year = try await SchoolYearRow.query(on: db).filter(\.$isCurrent == true).first() else { return false }
        let enrollments = try await EnrollmentRow.query(on: db).filter(\.$studentID == student).filter(\.$yearID == year.id!)
            .filter(\.$leftOn == nil).all()
        return enrollments.contains { caller.may(.writeClassRecords(ClassID($0.classID))) }
    }

    /// Checks `caller` may read and write about `student`: ``RecordsError/notFound`` when not.
    func requireConversation(_ student: StudentID, by caller: Caller, on db: any Database) async throws {
        if caller.isParent {
            _ = try await FamilyService.link(of: student, by: caller, on: db)
        } else if !(try await staffMay(student.uuid, caller, on: db)) {
            throw RecordsError.notFound
        }
    }

    /// The conversation about `student`, oldest message first; the other side's messages are marked read by the
    /// caller (a read receipt), except for the principal reading as overseer.
    public func conversation(_ student: StudentID, by caller: Caller) async throws -> ContactThread {
        try await requireConversation(student, by: caller, on: database)
        guard let pupil = try await StudentRow.find(student.uuid, on: database) else { throw RecordsError.notFound }
        let className = try await Self.className(of: student.uuid, on: database)
        guard let thread = try await ContactThreadRow.query(on: database).filter(\.$studentID == student.uuid).first() else {
            return ContactThread(studentID: student, pupilName: pupil.name.full, className: className, messages: [])
        }
        let rows = try await ContactMessageRow.query(on: database).filter(\.$threadID == thread.id!).sort(\.$createdAt).all()
            .filter { $0.retractedAt == nil || !caller.isParent }
        let homeroom = try await isHomeroom(student.uuid, caller)
        let isOverseer = !caller.isParent && caller.may(.controlAssessment) && !homeroom
        if let reader = caller.accountID, !isOverseer {
            let now = Timestamps.storage(clock())
            let read = Set(
                try await ContactReadRow.query(on: database).filter(\.$messageID ~~ rows.map { $0.id! }).filter(\.$readerID == reader.uuid)
                    .all().map(\.messageID))
            for row in rows where row.fromFamily != caller.isParent && !read.contains(row.id!) {
                let receipt = ContactReadRow()
                receipt.id = UUID()
                receipt.messageID = row.id!
                receipt.readerID = reader.uuid
                receipt.readerName = caller.displayName
                receipt.readAt = now
                try await receipt.create(on: database)
            }
        }
        let reads = Dictionary(
            grouping: try await ContactReadRow.query(on: database).filter(\.$messageID ~~ rows.map { $0.id! }).all(), by: \.messageID)
        let files = try await attachments(messages: rows.map { $0.id! })
        let messages = rows.map { row in
            var message = ContactMessage(
                id: row.id!, fromFamily: row.fromFamily, authorName: row.authorName, body: row.body,
                at: Timestamps.parseStorage(row.createdAt) ?? Date(timeIntervalSince1970: 0),
                readBy: (reads[row.id!] ?? []).map {
                    "\($0.readerName) lúc \(Timestamps.parseStorage($0.readAt).map(Timestamps.display) ?? $0.readAt)"
                })
            message.attachments = files[row.id!] ?? []
            return message
        }
        return ContactThread(studentID: student, pupilName: pupil.name.full, className: className, messages: messages)
    }

    func isHomeroom(_ student: UUID, _ caller: Caller) async throws -> Bool {
        guard let year = try await SchoolYearRow.query(on: database).filter(\.$isCurrent == true).first() else { return false }
        return try await EnrollmentRow.query(on: database).filter(\.$studentID == student).filter(\.$yearID == year.id!).all()
            .contains { caller.grants.homeroomClasses.contains(ClassID($0.classID)) }
    }

    /// Writes to the conversation about `student`, as the school or as the child's guardian.
    public func write(_ text: String, about student: StudentID, attachment: AttachmentUpload? = nil, by caller: Caller) async throws {
        let body = VietnameseText.clean(text)
        if body.isEmpty { throw FieldProblems("body", "Nhập nội dung tin nhắn.") }
        if body.count > 5_000 { throw FieldProblems("body", "Tin nhắn dài quá 5.000 ký tự.") }
        let now = clock()
        let fileID = UUID()
        do {
            try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
                try await requireConversation(student, by: caller, on: db)
                var file: ContactAttachmentRow?
                if let attachment { file = try await checked(attachment, audience: nil, id: fileID, on: db) }
                let thread: ContactThreadRow
                if let existing = try await ContactThreadRow.query(on: db).filter(\.$studentID == student.uuid).first() {
                    thread = existing
                } else {
                    thread = ContactThreadRow()
                    thread.id = UUID()
                    thread.studentID = student.uuid
                    thread.createdAt = Timestamps.storage(now)
                }
                thread.lastMessageAt = Timestamps.storage(now)
                try await thread.save(on: db)
                let row = ContactMessageRow()
                row.id = UUID()
                row.threadID = thread.id!
                row.fromFamily = caller.isParent
                row.authorID = caller.accountID?.uuid
                row.authorName = caller.displayName
                row.body = body
                row.createdAt = Timestamps.storage(now)
                try await row.create(on: db)
                if let file, let attachment {
                    file.messageID = row.id
                    try await store(file, attachment, on: db)
                }
                if !caller.isParent {
                    let guardians = try await StudentGuardianRow.query(on: db).filter(\.$studentID == student.uuid).all().map(\.guardianID)
                    let name = try await StudentRow.find(student.uuid, on: db)?.name.full ?? ""
                    let link = links.conversation(student)
                    let heading = "Tin nhắn của nhà trường về \(name)"
                    let text =
                        "\(caller.displayName) nhắn về \(name):\n\n\(body)" + (link.isEmpty ? "" : "\n\nTrả lời trên sổ liên lạc: \(link)")
                    try await ContactNotices.send(
                        .init(
                            subject: heading, body: text, short: ContactNotices.short("Nha truong nhan tin ve \(name)", link: link),
                            source: "message:\(row.id!)"), to: guardians, at: now, on: db)
                }
                // The log names who wrote about which child and when; the words stay in the contact book.
                let event = AuditEvent(
                    action: "contact.message", entity: AuditEntity.contact.rawValue, entityID: "\(student)",
                    summary: "\(caller.isParent ? "Phụ huynh" : "Nhà trường") nhắn tin về học sinh", before: String?.none,
                    after: ["sha256": SecureToken.sha256Hex(body)])
                return ((), [event])
            }
        } catch {
            discard(fileID)
            throw error
        }
        publish(fileID)
    }

    /// The conversations of class `id`, the most recent first, with what waits for a reply and how fast the school
    /// answered: its homeroom teacher or the principal.
    public func conversations(class id: ClassID, by caller: Caller) async throws -> [ContactThreadSummary] {
        guard !caller.isParent, caller.may(.writeClassRecords(id)) || caller.may(.controlAssessment) else { throw RecordsError.forbidden }
        let enrollments = try await EnrollmentRow.query(on: database).filter(\.$classID == id.uuid).filter(\.$leftOn == nil).all()
        let className = try await ClassRow.find(id.uuid, on: database)?.name ?? ""
        let threads = try await ContactThreadRow.query(on: database).filter(\.$studentID ~~ enrollments.map(\.studentID)).all()
        let students = Dictionary(
            uniqueKeysWithValues: try await StudentRow.query(on: database).filter(\.$id ~~ threads.map(\.studentID)).all().map {
                ($0.id!, $0.name.full)
            })
        let messages = Dictionary(
            grouping: try await ContactMessageRow.query(on: database).filter(\.$threadID ~~ threads.map { $0.id! }).sort(\.$createdAt)
                .all(),
            by: \.threadID)
        return threads.compactMap { thread -> ContactThreadSummary? in
            guard let all = messages[thread.id!], let last = all.last else { return nil }
            var waits: [Double] = []
            var asked: Date? = nil
            for message in all {
                let at = Timestamps.parseStorage(message.createdAt) ?? Date(timeIntervalSince1970: 0)
                if message.fromFamily {
                    if asked == nil { asked = at }
                } else if let since = asked {
                    waits.append(at.timeIntervalSince(since) / 60)
                    asked = nil
                }
            }
            return ContactThreadSummary(
                studentID: StudentID(thread.studentID), pupilName: students[thread.studentID] ?? "", className: className,
                lastMessage: String(last.body.prefix(120)),
                lastAt: Timestamps.parseStorage(last.createdAt) ?? Date(timeIntervalSince1970: 0),
                awaitingReply: last.fromFamily, replyMinutes: waits.isEmpty ? nil : Int(waits.reduce(0, +) / Double(waits.count)))
        }.sorted { $0.lastAt > $1.lastAt }
    }

    static func className(of student: UUID, on db: any Database) async throws -> String {
        guard let year = try await SchoolYearRow.query(on: db).filter(\.$isCurrent == true).first(),
            let enrollment = try await EnrollmentRow.query(on: db).filter(\.$studentID == student).filter(\.$yearID == year.id!)
                .sort(\.$enrolledOn, .descending).first()
        else { return "" }
        return try await ClassRow.find(enrollment.classID, on: db)?.name ?? ""
    }
}
