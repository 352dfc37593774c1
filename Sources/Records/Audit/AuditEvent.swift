import Foundation

/// One change to record: what was done to which record, with the record before and after as JSON.
public struct AuditEvent: Sendable, Equatable {
    /// Machine name of the action, such as `class.create`.
    public var action: String
    /// Entity type, such as `class` (see ``AuditEntity``).
    public var entity: String
    /// The record's ID.
    public var entityID: String
    /// A Vietnamese sentence for people, such as "Tạo lớp 1D".
    public var summary: String
    /// The record before the change, as JSON, or `nil` for a creation.
    public var before: String?
    /// The record after the change, as JSON, or `nil`.
    public var after: String?

    public init(action: String, entity: String, entityID: String, summary: String, before: String? = nil, after: String? = nil) {
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.summary = summary
        self.before = before
        self.after = after
    }

    /// Builds an event from snapshots, encoded as JSON with sorted keys.
    public init<B: Encodable, A: Encodable>(
        action: String, entity: String, entityID: String, summary: String, before: B?, after: A?
    ) {
        self.init(
            action: action, entity: entity, entityID: entityID, summary: summary,
            before: before.flatMap(AuditEvent.json), after: after.flatMap(AuditEvent.json))
    }

    static func json<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }
}

/// The entity types the audit page can filter by, with their Vietnamese names.
public enum AuditEntity: String, CaseIterable, Sendable {
    case account, role, school
    case schoolYear = "school_year"
    case `class`, subject, teaching, settings
    case campaign, kindergarten, child, code, application
    case registerEntry = "register_entry"
    case registerCorrection = "register_correction"
    case registerSettings = "register_settings"
    case guardian
    case assessment
    case signing
    case contact
    case archive

    /// Vietnamese name for the filter.
    public var label: String {
        switch self {
        case .account: "Tài khoản"
        case .role: "Vai trò"
        case .school: "Thông tin trường"
        case .schoolYear: "Năm học"
        case .class: "Lớp học"
        case .subject: "Môn học"
        case .teaching: "Phân công giảng dạy"
        case .settings: "Cài đặt bảo mật"
        case .campaign: "Đợt tuyển sinh"
        case .kindergarten: "Trường mầm non"
        case .child: "Trẻ trong danh sách"
        case .code: "Mã đăng ký"
        case .application: "Hồ sơ tuyển sinh"
        case .registerEntry: "Sổ đăng bộ"
        case .registerCorrection: "Đính chính sổ đăng bộ"
        case .registerSettings: "Cài đặt sổ đăng bộ"
        case .guardian: "Phụ huynh"
        case .assessment: "Sổ đánh giá"
        case .signing: "Chữ ký số"
        case .contact: "Sổ liên lạc"
        case .archive: "Lưu trữ"
        }
    }
}
