import FluentKit
import Foundation

final class AssessmentWindowRow: Model, @unchecked Sendable {
    static let schema = "assessment_windows"

    @ID(key: .id) var id: UUID?
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "grade") var grade: Int
    @Field(key: "checkpoint") var checkpoint: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    @Field(key: "updated_by_name") var updatedByName: String
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}

final class AssessmentValueRow: Model, @unchecked Sendable {
    static let schema = "assessment_values"

    @ID(key: .id) var id: UUID?
    @Field(key: "class_id") var classID: UUID
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "checkpoint") var checkpoint: String
    /// `subject:<subject id>` for a subject's level, score and comment.
    @Field(key: "item") var item: String
    @OptionalField(key: "level") var level: String?
    @OptionalField(key: "score") var score: Int?
    @Field(key: "comment") var comment: String
    @Field(key: "updated_by_name") var updatedByName: String
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}

final class AssessmentLockRow: Model, @unchecked Sendable {
    static let schema = "assessment_locks"

    @ID(key: .id) var id: UUID?
    @Field(key: "class_id") var classID: UUID
    @Field(key: "checkpoint") var checkpoint: String
    @Field(key: "item") var item: String
    @Field(key: "locked_by_name") var lockedByName: String
    @Field(key: "locked_at") var lockedAt: String

    init() {}
}

final class AssessmentUnlockRow: Model, @unchecked Sendable {
    static let schema = "assessment_unlocks"

    @ID(key: .id) var id: UUID?
    @Field(key: "class_id") var classID: UUID
    @Field(key: "checkpoint") var checkpoint: String
    @Field(key: "item") var item: String
    @Field(key: "reason") var reason: String
    /// pending, approved, refused, used.
    @Field(key: "status") var status: String
    @Field(key: "requested_by_name") var requestedByName: String
    @Field(key: "requested_at") var requestedAt: String
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "decided_at") var decidedAt: String?
    @Field(key: "note") var note: String

    init() {}
}

final class AssessmentReleaseRow: Model, @unchecked Sendable {
    static let schema = "assessment_releases"

    @ID(key: .id) var id: UUID?
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "checkpoint") var checkpoint: String
    @Field(key: "released_by_name") var releasedByName: String
    @Field(key: "released_at") var releasedAt: String

    init() {}
}

final class YearEndFollowUpRow: Model, @unchecked Sendable {
    static let schema = "assessment_year_end"

    @ID(key: .id) var id: UUID?
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "class_id") var classID: UUID
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "support_plan") var supportPlan: String
    @OptionalField(key: "support_plan_by_name") var supportPlanByName: String?
    @Field(key: "nomination") var nomination: String
    @OptionalField(key: "nomination_status") var nominationStatus: String?
    @OptionalField(key: "nominated_by_name") var nominatedByName: String?
    @OptionalField(key: "nomination_decided_by_name") var nominationDecidedByName: String?
    @Field(key: "nomination_note") var nominationNote: String
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "decided_at") var decidedAt: String?
    @Field(key: "decision_note") var decisionNote: String
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}

final class SummaryApprovalRow: Model, @unchecked Sendable {
    static let schema = "assessment_approvals"

    @ID(key: .id) var id: UUID?
    @Field(key: "class_id") var classID: UUID
    @Field(key: "checkpoint") var checkpoint: String
    @Field(key: "book_version") var bookVersion: Int
    @Field(key: "approved_by_name") var approvedByName: String
    @Field(key: "approved_at") var approvedAt: String

    init() {}
}

final class CommentPhraseRow: Model, @unchecked Sendable {
    static let schema = "comment_phrases"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "owner_account_id") var ownerAccountID: UUID?
    @Field(key: "text") var text: String
    @Field(key: "created_by_name") var createdByName: String
    @Field(key: "created_at") var createdAt: String
    @OptionalField(key: "removed_at") var removedAt: String?

    init() {}
}

final class SignedTranscriptRow: Model, @unchecked Sendable {
    static let schema = "signed_transcripts"

    @ID(key: .id) var id: UUID?
    @Field(key: "student_id") var studentID: UUID
    @Field(key: "class_id") var classID: UUID
    @Field(key: "year_id") var yearID: UUID
    @Field(key: "stage") var stage: String
    @Field(key: "signers") var signers: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "updated_at") var updatedAt: String

    init() {}
}

final class IssuedDocumentRow: Model, @unchecked Sendable {
    static let schema = "issued_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "school") var school: String
    /// What the document is about, for finding its earlier issues (e.g. "hoc-ba|<student>|<year>"); never shown.
    @Field(key: "subject_key") var subjectKey: String
    @Field(key: "issued_at") var issuedAt: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "signers") var signers: String
    @OptionalField(key: "superseded_at") var supersededAt: String?

    init() {}
}
