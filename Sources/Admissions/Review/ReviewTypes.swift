import Foundation
import Records

/// How the council found one required document.
public enum DocumentCheck: String, Sendable, Codable, CaseIterable {
    /// Not looked at yet.
    case unchecked
    /// Đạt — present and valid.
    case verified
    /// Thiếu — not provided.
    case missing
    /// Không hợp lệ — provided but not acceptable.
    case invalid

    /// The Vietnamese word shown in the checklist.
    public var label: String {
        switch self {
        case .unchecked: "Chưa kiểm tra"
        case .verified: "Hợp lệ"
        case .missing: "Thiếu"
        case .invalid: "Không hợp lệ"
        }
    }
}

/// One line of the council's checklist: a required document, its state and a note.
public struct ChecklistItem: Sendable, Equatable, Codable {
    public var code: String
    public var state: DocumentCheck
    public var note: String

    public init(code: String, state: DocumentCheck, note: String = "") {
        self.code = code
        self.state = state
        self.note = VietnameseText.clean(note)
    }
}

/// The council's decision on an application.
public enum ReviewDecision: Sendable, Equatable {
    /// Đã xác minh: eligible, in the given priority group (nil = no group).
    case verified(group: String?)
    /// Cần bổ sung: the parent is told what to add and can resubmit.
    case needsInfo(message: String)
    /// Không đủ điều kiện, with the reason.
    case notEligible(reason: String)
}

/// What the council has recorded about an application.
public struct Review: Sendable, Equatable, Codable {
    public var checklist: [ChecklistItem]
    /// The priority group the council verified (for allocation).
    public var verifiedGroup: String?
    /// The message to the parent or the reason for refusal.
    public var note: String
    public var reviewedBy: String
    public var reviewedAt: Date?

    public init(
        checklist: [ChecklistItem] = [], verifiedGroup: String? = nil, note: String = "", reviewedBy: String = "",
        reviewedAt: Date? = nil
    ) {
        self.checklist = checklist
        self.verifiedGroup = verifiedGroup
        self.note = note
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
    }
}

/// Filters of the council's queue.
public struct ReviewFilter: Sendable, Equatable {
    public var status: ApplicationStatus?
    /// `wardCode|hamlet`, or `outside`.
    public var unit: String?
    public var group: String?
    /// Only applications with a mandatory document not yet verified.
    public var documentsOpen: Bool
    /// Only applications entered at the desk.
    public var atDesk: Bool
    /// The child's name (without diacritics, any case) or the application's number; empty for all.
    public var search: String

    public init(
        status: ApplicationStatus? = nil, unit: String? = nil, group: String? = nil, documentsOpen: Bool = false, atDesk: Bool = false,
        search: String = ""
    ) {
        self.search = search
        self.status = status
        self.unit = unit
        self.group = group
        self.documentsOpen = documentsOpen
        self.atDesk = atDesk
    }
}

/// A line of the council's queue.
public struct ReviewItem: Sendable, Equatable {
    public let application: AdmissionApplication
    public let review: Review
    /// How many documents were uploaded.
    public let documentCount: Int
}
