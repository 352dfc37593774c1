import Records

public enum CampaignTag {}
public enum KindergartenTag {}
public enum ListedChildTag {}
public enum ApplicationTag {}

/// Identifies an admissions campaign (đợt tuyển sinh).
public typealias CampaignID = TypedID<CampaignTag>
/// Identifies a kindergarten that hands codes to parents.
public typealias KindergartenID = TypedID<KindergartenTag>
/// Identifies a child on a kindergarten list (or a walk‑in child).
public typealias ListedChildID = TypedID<ListedChildTag>
/// Identifies an admission application (hồ sơ đăng ký).
public typealias AdmissionApplicationID = TypedID<ApplicationTag>

/// A broken admissions rule, mapped to a status and a Vietnamese page by the web layer.
public enum AdmissionsError: Error, Sendable, Equatable {
    /// The campaign's application window is not open at this minute.
    case windowClosed
    /// The code or date of birth does not match (never says which).
    case noMatch
    /// The application was already submitted and cannot change now.
    case alreadySubmitted
}
