import FluentKit
import Foundation
import Records

extension CampaignService {
    /// Deletes every child, code, list and application of a trial campaign (HCMC practice: a dry run before the real
    /// window). Only trial campaigns can be wiped; the campaign itself stays, and the wipe is audited.
    /// Uploaded files in `store` are removed after the database changes are committed.
    public func wipeTrial(_ id: CampaignID, store: FileStore? = nil, by caller: Caller) async throws -> Int {
        try caller.require(.manageAdmissions)
        let (children, files) = try await AuditedWrite(database: database, clock: clock).run(by: caller) {
            db -> ((Int, [String]), [AuditEvent]) in
            guard let campaign = try await CampaignRow.find(id.uuid, on: db) else { throw RecordsError.notFound }
            guard campaign.isTrial else { throw RecordsError.forbidden }
            let applications = try await ApplicationRow.query(on: db).filter(\.$campaignID == id.uuid).all()
            if !applications.isEmpty {
                try await ApplicationVersionRow.query(on: db).filter(\.$applicationID ~~ applications.map { $0.id! }).delete()
            }
            try await ApplicationRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            let codes = try await RegistrationCodeRow.query(on: db).filter(\.$campaignID == id.uuid).all().compactMap(\.id)
            var files: [String] = []
            if !codes.isEmpty {
                files = try await DocumentRow.query(on: db).filter(\.$code ~~ codes).all().map(\.storedName)
                try await DocumentRow.query(on: db).filter(\.$code ~~ codes).delete()
                try await MessageRow.query(on: db).filter(\.$code ~~ codes).delete()
            }
            try await RegistrationCodeRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            let children = try await ListedChildRow.query(on: db).filter(\.$campaignID == id.uuid).count()
            try await ListedChildRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            try await ImportBatchRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            let kindergartens = try await KindergartenRow.query(on: db).filter(\.$campaignID == id.uuid).all().compactMap(\.id)
            if !kindergartens.isEmpty { try await HandoverRow.query(on: db).filter(\.$kindergartenID ~~ kindergartens).delete() }
            try await KindergartenRow.query(on: db).filter(\.$campaignID == id.uuid).delete()
            return (
                (children, files),
                [
                    AuditEvent(
                        action: "campaign.wipeTrial", entity: "campaign", entityID: id.description,
                        summary:
                            "Xoá dữ liệu chạy thử của \(campaign.title): \(children) trẻ, \(codes.count) mã, \(applications.count) hồ sơ")
                ]
            )
        }
        if let store { for name in files { store.remove(name) } }
        return children
    }
}
