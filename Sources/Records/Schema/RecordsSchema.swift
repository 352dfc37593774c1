import FluentKit

/// The records system's migrations, in order. Append only: a released migration is never edited.
public enum RecordsSchema {
    /// Every migration of the Records module, oldest first.
    public static var migrations: [any Migration] {
        [
            M0001_CreateAuditLog(),
            M0002_CreateAccounts(),
            M0003_CreateSessionsAndLoginFailures(),
            M0004_CreateSchoolProfileAndYears(),
            M0005_CreateClassesAndSubjects(),
            M0006_CreateRolesAndTeaching(),
            M0007_CreateStudentsAndGuardians(),
            M0008_CreateRegister(),
            M0009_CreateEnrollments(),
            M0010_CreateParentAccounts(),
            M0011_RecomputeSortKeys(),
            M0012_CreatePupilImports(),
            M0013_CreateMovements(),
            M0014_CreateAttendance(),
            M0015_CreateRollOvers(),
            M0016_IndexPupilOrder(), M0017_AddAuditSearchKey(), M0018_CreateAssessmentBook(), M0019_CreateAssessmentUnlocks(),
            M0020_CreateAssessmentReleases(),
            M0021_CreateYearEndFollowUps(),
            M0022_CreateSummaryApprovals(),
            M0023_CreateCommentPhrases(),
            M0024_CreateSignedTranscripts(),
            M0025_CreateIssuedDocuments(),
            M0026_CreateSchoolKeys(),
            M0027_CreateYearArchives(),
            M0028_CreateSignedDocuments(),
            M0029_CreateContactBook(),
            M0030_CreateOutbox(),
            M0031_CreateContactExtras(),
            M0032_CreateJobLeases(),
            M0033_AddAttemptPending(),
        ]
    }
}

/// A migration whose name is namespaced by module, e.g. `Records.M0001_CreateAuditLog`.
protocol RecordsMigration: AsyncMigration {}

extension RecordsMigration {
    var name: String { "Records.\(String(describing: Self.self))" }
}
