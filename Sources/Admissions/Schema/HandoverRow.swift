import FluentKit
import Foundation
import Records
import SQLKit

final class HandoverRow: Model, @unchecked Sendable {
    static let schema = "handovers"

    @ID(key: .id) var id: UUID?
    @Field(key: "kindergarten_id") var kindergartenID: UUID
    @Field(key: "handed_by") var handedBy: String
    @Field(key: "received_by") var receivedBy: String
    @Field(key: "slip_count") var slipCount: Int
    @Field(key: "at") var at: Double

    init() {}
}
