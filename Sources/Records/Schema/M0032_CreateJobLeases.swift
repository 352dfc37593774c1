import FluentKit

/// Leases of the background jobs, so that of several hoso nodes on one database exactly one runs each job at a time
/// (issue 15): a node takes a job's lease when it is free or expired, and renews it while it runs.
struct M0032_CreateJobLeases: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("job_leases")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("until", .double, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_leases").delete()
    }
}
