import FluentKit
import Foundation
import Records

extension CampaignService {
    /// Deletes every child, code, list and application of a trial campaign (HCMC practice: a dry run before the real
    /// window). Only trial campaigns can be wiped; the campaign itself stays, and the wipe is audited.
    public func wipeTrial(_ id: CampaignID, by caller: Caller) async throws -> Int {
        try caller.require(.manageAdmissions)
        return try await AuditedWrite(database: database, clock: clock).run(by: caller) { db in
            guard let campaign = try await CampaignRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            guard campaign.isTrial else { throw RecordsError.forbidden }
            let applications = try await ApplicationRow.query(on: db).filter(\.$campaignID == id.uuid).all()
            if !applications.isEmpty {
                try await ApplicationVersionRow.query(on: db).filter(\.$applicationID ~~ applications.map { $0.id! }).delete()
            }
            try await ApplicationRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            let codes = try await RegistrationCodeRow.query(on: db).filter(\.$campaignID == id.uuid).all().compactMap(\.id)
            if !codes.isEmpty { try await PortalSessionRow.query(on: db).filter(\.$code ~~ codes).delete() }
            try await RegistrationCodeRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            let children = try await ListedChildRow.query(on: db).filter(\.$campaignID == id.uuid).count()
            try await ListedChildRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            try await ImportBatchRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            try await KindergartenRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            return (children, [AuditEvent(action: "campaign.wipeTrial", entity: "campaign", entityID: id.description,
                                          summary: "Xoá dữ liệu chạy thử của \(campaign.title): \(children) trẻ, \(codes.count) mã, \(applications.count) hồ sơ")])
        }
    }
}
