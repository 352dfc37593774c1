import FluentKit
import Foundation

final class RegisterSettingsRow: Model, @unchecked Sendable {
    static let schema = "register_settings"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "number_format") var numberFormat: String

    init() {}
}
