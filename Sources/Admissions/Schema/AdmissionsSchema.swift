import FluentKit
import Records
import SQLKit

/// The admissions module's migrations, in order. Append only.
public enum AdmissionsSchema {
    /// Every migration of the Admissions module, oldest first.
    public static var migrations: [any Migration] {
        [M0001_CreateCampaigns(), M0002_CreateKindergartensAndChildren(), M0003_CreateRegistrationCodes(), M0004_CreateImportBatches(),
         M0005_CreateApplications(), M0006_CreateApplicationMessages(), M0007_CreateHandovers(),
         M0008_CreateApplicationDocuments(), M0009_AddOneApplicationPerChild(),
         M0010_AddReviewToApplications(), M0011_CreateDrawsAndOutcomes(),
         M0012_CreateNotificationsAndConfirmations(), M0013_AddStudentToApplications()]
    }
}

protocol AdmissionsMigration: AsyncMigration {}

extension AdmissionsMigration {
    var name: String { "Admissions.\(String(describing: Self.self))" }
}


struct M0001_CreateCampaigns: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("admission_campaigns")
            .id()
            .field("school_year_name", .string, .required)
            .field("title", .string, .required)
            .field("birth_year", .int, .required)
            .field("classes", .int, .required)
            .field("places_per_class", .int, .required)
            .field("codes_from", .double, .required)
            .field("apply_from", .double, .required)
            .field("apply_until", .double, .required)
            .field("review_until", .double, .required)
            .field("results_at", .double, .required)
            .field("confirm_by", .double, .required)
            .field("required_documents_json", .string, .required)
            .field("priority_groups_json", .string, .required)
            .field("catchment_json", .string, .required)
            .field("approver", .string, .required)
            .field("desk_phone", .string, .required)
            .field("is_trial", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("admission_campaigns").delete()
    }
}

struct M0002_CreateKindergartensAndChildren: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kindergartens")
            .id()
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("name", .string, .required)
            .field("address", .string, .required)
            .field("contact", .string, .required)
            .unique(on: "campaign_id", "name")
            .create()
        try await database.schema("listed_children")
            .id()
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("kindergarten_id", .uuid, .references("kindergartens", "id"))
            .field("family_name", .string, .required)
            .field("middle_name", .string, .required)
            .field("given_name", .string, .required)
            .field("family_last", .bool, .required)
            .field("sort_key", .string, .required)
            .field("search_key", .string, .required)
            .field("birth_date", .string, .required)
            .field("gender", .string, .required)
            .field("personal_id", .string, .required)
            .field("parent_name", .string, .required)
            .field("parent_phone", .string, .required)
            .field("address", .string, .required)
            .field("older_reason", .string, .required)
            .field("source", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("created_at", .string, .required)
            .create()
        try await database.sql().create(index: "listed_children_dedupe").on("listed_children").column("campaign_id").column("dedupe_key").run()
        try await database.sql().create(index: "listed_children_search").on("listed_children").column("campaign_id").column("search_key").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("listed_children").delete()
        try await database.schema("kindergartens").delete()
    }
}

struct M0003_CreateRegistrationCodes: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        // The code is the primary key: unique in the whole system, across campaigns and years.
        try await database.schema("registration_codes")
            .field("code", .string, .identifier(auto: false))
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("child_id", .uuid, .required, .references("listed_children", "id"))
            .field("status", .string, .required)
            .field("issued_at", .string, .required)
            .field("revoked_at", .string)
            .field("note", .string, .required)
            .field("locked_until", .double, .required)
            .create()
        try await database.sql().create(index: "registration_codes_child").on("registration_codes").column("child_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("registration_codes").delete()
    }
}

struct M0004_CreateImportBatches: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("import_batches")
            .id()
            .field("campaign_id", .uuid, .required, .references("admission_campaigns", "id"))
            .field("kindergarten_id", .uuid, .required, .references("kindergartens", "id"))
            .field("filename", .string, .required)
            .field("content", .string, .required)
            .field("created_at", .string, .required)
            .field("imported_at", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("import_batches").delete()
    }
}

/// A child has at most one application per campaign, whichever code it came through.
struct M0009_AddOneApplicationPerChild: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "admission_applications_one_per_child").unique()
            .on("admission_applications").column("campaign_id").column("child_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "admission_applications_one_per_child").run()
    }
}
