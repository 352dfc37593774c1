import FluentKit

/// The portal's cookies are sealed with a server key instead of naming a session row (issue 15): a parent who opens
/// their code no longer writes anything. What is left to store is the cookies a parent closed with “Thoát” before
/// they expired, by fingerprint. The old sessions are ephemeral (two hours) and go; their parents open the code again.
struct M0018_SealPortalCookies: AdmissionsMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("portal_sign_outs")
            .field("token_hash", .string, .identifier(auto: false))
            .field("expires_at", .double, .required)
            .create()
        try await database.schema("portal_sessions").delete()
    }

    func revert(on database: any Database) async throws {
        try await M0005_CreateApplications.createPortalSessions(on: database)
        try await database.schema("portal_sign_outs").delete()
    }
}
