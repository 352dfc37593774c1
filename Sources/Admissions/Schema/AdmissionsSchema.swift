import FluentKit
import Records
import SQLKit

/// The admissions module's migrations, in order. Append only.
public enum AdmissionsSchema {
    /// Every migration of the Admissions module, oldest first.
    public static var migrations: [any Migration] {
        [
            M0001_CreateCampaigns(), M0002_CreateKindergartensAndChildren(), M0003_CreateRegistrationCodes(), M0004_CreateImportBatches(),
            M0005_CreateApplications(), M0006_CreateApplicationMessages(), M0007_CreateHandovers(),
            M0008_CreateApplicationDocuments(), M0009_AddOneApplicationPerChild(),
            M0010_AddReviewToApplications(), M0011_CreateDrawsAndOutcomes(),
            M0012_CreateNotificationsAndConfirmations(), M0013_AddStudentToApplications(), M0014_RecomputeSortKeys(),
            M0015_AddEnrolmentNoteToCampaigns(), M0016_IndexListsForPaging(), M0017_MoveNotificationsToOutbox(),
            M0018_SealPortalCookies(),
        ]
    }
}

protocol AdmissionsMigration: AsyncMigration {}

extension AdmissionsMigration {
    var name: String { "Admissions.\(String(describing: Self.self))" }
}
