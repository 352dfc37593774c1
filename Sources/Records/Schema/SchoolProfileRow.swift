import FluentKit
import Foundation

final class SchoolProfileRow: Model, @unchecked Sendable {
    static let schema = "school_profile"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "code") var code: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "ward_code") var wardCode: String
    @Field(key: "address_line") var addressLine: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    @Field(key: "principal_name") var principalName: String
    @Field(key: "require_second_factor") var requireSecondFactor: Bool
    @Field(key: "created_at") var createdAt: String

    init() {}
}

extension SchoolProfileRow {
    /// The school profile this row stores.
    func value() -> SchoolProfile {
        SchoolProfile(
            name: name, code: code, provinceCode: provinceCode, wardCode: wardCode,
            addressLine: addressLine, phone: phone, email: email, principalName: principalName,
            requireSecondFactor: requireSecondFactor)
    }
}
