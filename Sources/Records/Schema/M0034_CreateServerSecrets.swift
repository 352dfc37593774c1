import FluentKit

/// Keys the server makes for itself and every node shares through the database (issue 15): the portal's cookies are
/// sealed with one instead of being looked up as session rows. A backup carries them with the data they protect.
struct M0034_CreateServerSecrets: RecordsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("server_secrets")
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("created_at", .double, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("server_secrets").delete()
    }
}
