/// A role an account holds for one school year. Homeroom (GVCN) and subject teaching (GVBM) are not listed here:
/// they follow from a class's homeroom teacher and from teaching assignments.
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    /// Hiệu trưởng.
    case principal
    /// Ban quản trị / Tổ quản lý.
    case adminBoard
    /// Giáo viên — a teacher who can be made homeroom or subject teacher.
    case teacher
    /// Văn thư / thư ký hội đồng.
    case clerk
    /// Thành viên hội đồng tuyển sinh.
    case councilMember
    /// Chủ tịch hội đồng tuyển sinh.
    case councilChair
    /// Thường trực tuyển sinh.
    case onDutyStaff
    /// Thanh tra / cấp trên: read‑only, until an end date.
    case inspector

    /// The Vietnamese name shown on pages.
    public var label: String {
        switch self {
        case .principal: "Hiệu trưởng"
        case .adminBoard: "Ban quản trị"
        case .teacher: "Giáo viên"
        case .clerk: "Văn thư"
        case .councilMember: "Thành viên hội đồng tuyển sinh"
        case .councilChair: "Chủ tịch hội đồng tuyển sinh"
        case .onDutyStaff: "Thường trực tuyển sinh"
        case .inspector: "Thanh tra"
        }
    }

    /// Roles whose holders may be granted only by the principal.
    public var grantedOnlyByPrincipal: Bool { self == .principal || self == .inspector || self == .councilChair }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
