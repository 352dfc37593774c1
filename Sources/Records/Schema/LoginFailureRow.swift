import FluentKit
import Foundation

final class LoginFailureRow: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "at") var at: Double
    /// An attempt still being tried (counted, neither failed nor forgotten yet).
    @Field(key: "pending") var pending: Bool

    init() {}
}
