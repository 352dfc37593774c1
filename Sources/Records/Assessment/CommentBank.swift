import FluentKit
import Foundation

/// One phrase of the comment bank.
public struct CommentPhrase: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let text: String
    /// Whether it is the school's (every teacher sees it) rather than the teacher's own.
    public let isSchools: Bool
}

/// The comment bank: the school's phrases, which the principal and the admin board keep, and each teacher's own;
/// a teacher inserts them into comments with one tap and edits them freely there.
public struct CommentBank: Sendable {
    let database: any Database
    let clock: @Sendable () -> Date

    /// The longest phrase, in characters.
    public static let limit = 300

    /// A bank over `database`; `clock` dates what is added and removed.
    public init(database: any Database, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.clock = clock
    }

    /// The school's phrases, then the caller's own, each in the order they were added. Staff only.
    public func phrases(by caller: Caller) async throws -> [CommentPhrase] {
        guard caller.grants.isStaff, !caller.isParent else { throw RecordsError.forbidden }
        guard let account = caller.accountID else { return try await list(owner: nil) }
        return try await list(owner: nil) + list(owner: account.uuid)
    }

    private func list(owner: UUID?) async throws -> [CommentPhrase] {
        let query = CommentPhraseRow.query(on: database).filter(\.$removedAt == nil).sort(\.$createdAt)
        if let owner { query.filter(\.$ownerAccountID == owner) } else { query.filter(\.$ownerAccountID == nil) }
        return try await query.all().map { CommentPhrase(id: $0.id!, text: $0.text, isSchools: $0.ownerAccountID == nil) }
    }

    /// Adds a phrase: the school's (``Permission/manageSchool`` or ``Permission/controlAssessment``) or the caller's
    /// own. The same text twice in one list is refused.
    @discardableResult
    public func add(_ text: String, schools: Bool, by caller: Caller) async throws -> CommentPhrase {
        if schools && !Self.keepsSchoolPhrases(caller) { throw RecordsError.forbidden }
        guard caller.grants.isStaff, !caller.isParent, schools || caller.accountID != nil else { throw RecordsError.forbidden }
        let text = VietnameseText.clean(text)
        if text.isEmpty { throw FieldProblems("text", "Vui lòng ghi câu nhận xét.") }
        if text.count > Self.limit { throw FieldProblems("text", "Câu nhận xét dài tối đa \(Self.limit) ký tự.") }
        let owner = schools ? nil : caller.accountID?.uuid
        if try await list(owner: owner).contains(where: { $0.text == text }) {
            throw FieldProblems("text", "Câu này đã có trong ngân hàng nhận xét.")
        }
        let row = CommentPhraseRow()
        row.id = UUID()
        row.ownerAccountID = owner
        row.text = text
        row.createdByName = caller.displayName
        row.createdAt = Timestamps.storage(clock())
        try await row.create(on: database)
        return CommentPhrase(id: row.id!, text: text, isSchools: schools)
    }

    /// Takes a phrase out of the bank (kept, with the time): the caller's own, or the school's for those who keep it.
    public func remove(_ id: UUID, by caller: Caller) async throws {
        guard let row = try await CommentPhraseRow.find(id, on: database), row.removedAt == nil else { throw RecordsError.notFound }
        guard row.ownerAccountID == nil ? Self.keepsSchoolPhrases(caller) : row.ownerAccountID == caller.accountID?.uuid else {
            throw RecordsError.forbidden
        }
        row.removedAt = Timestamps.storage(clock())
        try await row.update(on: database)
    }

    /// Whether `caller` keeps the school's phrases: the principal and the admin board.
    public static func keepsSchoolPhrases(_ caller: Caller) -> Bool {
        caller.may(.manageSchool) || caller.may(.controlAssessment)
    }

    /// Phrases a new school starts with, as the demo school has them.
    public static let starters = [
        "Em tiếp thu bài nhanh, vận dụng tốt.", "Em chăm chỉ, tích cực phát biểu xây dựng bài.",
        "Em cần rèn thêm chữ viết cho đều, đẹp.", "Em đọc to, rõ ràng, diễn cảm.", "Em cần cẩn thận hơn khi tính toán.",
        "Em mạnh dạn, tự tin khi trình bày.", "Em biết hợp tác với bạn khi làm việc nhóm.", "Em cần tập trung hơn trong giờ học.",
    ]
}
