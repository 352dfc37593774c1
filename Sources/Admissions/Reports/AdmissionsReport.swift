import FluentKit
import Foundation
import Records

/// The principal's figures for a campaign: children listed, codes issued and handed over, drafts and submissions,
/// by kindergarten and by catchment unit.
public struct AdmissionsReport: Sendable, Equatable {
    /// One line of a table.
    public struct Line: Sendable, Equatable, Encodable {
        public let label: String
        public var listed: Int
        public var codes: Int
        public var handedOver: Int
        public var drafts: Int
        public var submitted: Int
        /// Of the submitted: entered at the desk.
        public var atDesk: Int

        init(_ label: String) {
            self.label = label
            listed = 0
            codes = 0
            handedOver = 0
            drafts = 0
            submitted = 0
            atDesk = 0
        }
    }

    public let byKindergarten: [Line]
    public let byCatchment: [Line]
    public let total: Line

    /// Builds the report; requires ``Permission/viewAdmissions``.
    public static func build(_ campaign: CampaignID, on db: any Database, by caller: Caller) async throws -> AdmissionsReport {
        try caller.require(.viewAdmissions)
        guard let campaignRow = try await CampaignRow.find(campaign.uuid, on: db) else { throw RecordsError.notFound }
        let value = campaignRow.value()
        let kgs = try await KindergartenRow.query(on: db).filter(\.$campaignID == campaign.uuid).all()
        let children = try await ListedChildRow.query(on: db).filter(\.$campaignID == campaign.uuid).all()
        let codes = try await RegistrationCodeRow.query(on: db).filter(\.$campaignID == campaign.uuid).filter(\.$status == "active").all()
        let applications = try await ApplicationRow.query(on: db).filter(\.$campaignID == campaign.uuid).all()
        // Oldest first, so the latest handover of each kindergarten is the one that counts.
        let handovers =
            kgs.isEmpty
            ? []
            : try await HandoverRow.query(on: db).filter(\.$kindergartenID ~~ kgs.map { $0.id! })
                .sort(\.$at).all()

        let kgOfChild = Dictionary(uniqueKeysWithValues: children.map { ($0.id!, $0.kindergartenID) })
        var lines: [UUID?: Line] = [nil: Line("Cấp tại trường / tại bàn")]
        for kg in kgs { lines[kg.id] = Line(kg.name) }
        var total = Line("Tổng cộng")
        for child in children {
            lines[child.kindergartenID, default: Line("")].listed += 1
            total.listed += 1
        }
        for code in codes {
            lines[kgOfChild[code.childID] ?? nil, default: Line("")].codes += 1
            total.codes += 1
        }
        for handover in handovers {
            lines[handover.kindergartenID, default: Line("")].handedOver = handover.slipCount
        }
        total.handedOver = lines.values.reduce(0) { $0 + $1.handedOver }

        var catchment = Dictionary(value.catchmentUnits.map { ($0.key, Line($0.label)) }, uniquingKeysWith: { first, _ in first })
        catchment["outside"] = Line("Ngoài địa bàn")
        catchment[""] = Line("Chưa khai nơi cư trú")
        let order = value.catchmentUnits.map(\.key) + ["outside", ""]
        for application in applications {
            let form = application.form
            let key = form.unitKey
            let kgKey = kgOfChild[application.childID] ?? nil
            let submitted = application.status != ApplicationStatus.draft.rawValue
            let desk = submitted && !application.enteredBy.isEmpty
            func count(_ line: inout Line) {
                if submitted { line.submitted += 1 } else { line.drafts += 1 }
                if desk { line.atDesk += 1 }
            }
            count(&lines[kgKey, default: Line("")])
            count(&catchment[key, default: Line("Khác")])
            count(&total)
        }
        let kgLines =
            kgs.sorted { VietnameseText.collationKey($0.name) < VietnameseText.collationKey($1.name) }.compactMap { lines[$0.id] }
            + [lines[nil]!].filter { $0.listed > 0 }
        return AdmissionsReport(byKindergarten: kgLines, byCatchment: order.compactMap { catchment[$0] }, total: total)
    }
}
