import Foundation

/// A broken business rule of the records system. The web layer maps each case to a status and a Vietnamese page.
public enum RecordsError: Error, Sendable, Equatable {
    /// The caller's roles do not allow the action.
    case forbidden
    /// The record does not exist, or the caller may not know that it exists.
    case notFound
    /// The first‑run setup has already been done.
    case alreadySetUp
    /// The system has no school yet: first‑run setup must come first.
    case notSetUp
    /// Wrong username or password (never says which).
    case invalidCredentials
    /// The account is disabled.
    case accountDisabled
    /// Too many failed attempts; try again after the given instant.
    case throttled(until: Date)
    /// The one‑time code was wrong or already used.
    case invalidSecondFactor
    /// Someone else changed the record since it was loaded.
    case staleEdit
    /// A unique value is taken (the field named).
    case duplicate(field: String)
}
