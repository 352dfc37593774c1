import FluentKit
import Foundation
import Records
import SQLKit

/// A parent's visit to a page of their application: the access their cookie grants and the case behind it.
public struct PortalVisit: Sendable {
    public let access: PortalAccess
    public let portalCase: PortalCase
}

extension PortalService {
    /// The access a portal cookie grants and the case behind it, in one query: the code (active, not closed with
    /// “Thoát”), its listed child and the child's application. `nil` exactly when ``resolve(token:)`` is.
    public func visit(token: String, campaigns: CampaignCache) async throws -> PortalVisit? {
        guard let cookie = try await cookie(token) else { return nil }
        guard
            let row = try await Self.visitQuery.first(on: database.sql(), [Self.hash(token), cookie.code.symbols]),
            let access = try CodeMatch.access(in: row, cookie),
            let campaign = try await campaigns.campaign(access.campaignID, on: database)
        else { return nil }
        return PortalVisit(access: access, portalCase: try PortalCase(row: row, campaign: campaign))
    }

    /// ``codeQuery(_:tokenHash:code:)`` with the listed child and the application (aliases `l` and `a`).
    static let visitQuery = PreparedSQL(binds: 2) { sql, bind in
        func equal(_ left: SQLColumn, _ right: any SQLExpression) -> SQLBinaryExpression {
            SQLBinaryExpression(left, .equal, right)
        }
        let application = SQLBinaryExpression(
            equal(SQLColumn("campaign_id", table: "a"), SQLColumn("campaign_id", table: "c")), .and,
            equal(SQLColumn("code", table: "a"), SQLColumn("code", table: "c")))
        return PortalCase.columns(of: codeQuery(sql, tokenHash: bind[0], code: bind[1]))
            .join(
                SQLAlias(SQLIdentifier(ListedChildRow.schema), as: SQLIdentifier("l")), method: SQLJoinMethod.inner,
                on: equal(SQLColumn("id", table: "l"), SQLColumn("child_id", table: "c"))
            )
            .join(SQLAlias(SQLIdentifier(ApplicationRow.schema), as: SQLIdentifier("a")), method: SQLJoinMethod.left, on: application)
            .limit(1)
    }

    /// ``codeQuery(_:tokenHash:code:)`` alone: the access a cookie grants.
    static let accessQuery = PreparedSQL(binds: 2) { sql, bind in
        codeQuery(sql, tokenHash: bind[0], code: bind[1]).limit(1)
    }

    /// The code `code` and whether the cookie whose token hashes to `tokenHash` was closed with “Thoát”: the start of
    /// every query behind a parent's page (aliases `c` for the code, `o` for the sign-out).
    static func codeQuery(_ sql: any SQLDatabase, tokenHash: SQLBind, code: SQLBind) -> SQLSelectBuilder {
        func column(_ name: String, _ table: String, as alias: String) -> SQLAlias {
            SQLAlias(SQLColumn(name, table: table), as: SQLIdentifier(alias))
        }
        return sql.select()
            .column(column("status", "c", as: "code_status")).column(column("campaign_id", "c", as: "code_campaign"))
            .column(column("child_id", "c", as: "code_child")).column(column("expires_at", "o", as: "signed_out"))
            .from(SQLAlias(SQLIdentifier(RegistrationCodeRow.schema), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier(signOuts), as: SQLIdentifier("o")), method: SQLJoinMethod.left,
                on: SQLBinaryExpression(SQLColumn("token_hash", table: "o"), .equal, tokenHash)
            )
            .where(SQLColumn("code", table: "c"), .equal, code)
    }
}

/// The code's columns of ``PortalService/codeQuery(_:tokenHash:code:)``.
struct CodeMatch: Decodable {
    let codeStatus: String
    let codeCampaign: UUID
    let codeChild: UUID
    let signedOut: Double?

    enum CodingKeys: String, CodingKey {
        case codeStatus = "code_status"
        case codeCampaign = "code_campaign"
        case codeChild = "code_child"
        case signedOut = "signed_out"
    }

    /// The access `row` grants with `cookie`, or nil when the code is no longer active or the cookie was closed.
    static func access(in row: any SQLRow, _ cookie: PortalCookie) throws -> PortalAccess? {
        let match = try row.decode(model: CodeMatch.self)
        guard match.codeStatus == "active", match.signedOut == nil else { return nil }
        return PortalAccess(code: cookie.code, campaignID: CampaignID(match.codeCampaign), childID: ListedChildID(match.codeChild))
    }
}
