import FluentKit

/// The admissions module's migrations, in order (none yet: campaigns arrive with the front‑door work).
public enum AdmissionsSchema {
    /// Every migration of the Admissions module, oldest first.
    public static var migrations: [any Migration] { [] }
}
