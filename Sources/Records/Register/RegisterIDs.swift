/// Tag of ``StudentID``.
public enum StudentTag {}
/// Tag of ``GuardianID``.
public enum GuardianTag {}
/// Tag of ``RegisterEntryID``.
public enum RegisterEntryTag {}
/// Tag of ``RegisterCorrectionID``.
public enum RegisterCorrectionTag {}
/// Tag of ``EnrollmentID``.
public enum EnrollmentTag {}

/// Identifies a pupil (học sinh) of the school, across all the years they study there.
public typealias StudentID = TypedID<StudentTag>
/// Identifies a parent or guardian (phụ huynh), who may have several children at the school.
public typealias GuardianID = TypedID<GuardianTag>
/// Identifies an entry of the enrollment register (sổ đăng bộ).
public typealias RegisterEntryID = TypedID<RegisterEntryTag>
/// Identifies a request to correct a written register entry (đề nghị đính chính).
public typealias RegisterCorrectionID = TypedID<RegisterCorrectionTag>
/// Identifies a pupil's place in a class for one school year.
public typealias EnrollmentID = TypedID<EnrollmentTag>
