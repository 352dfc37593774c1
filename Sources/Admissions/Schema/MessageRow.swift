import FluentKit
import Foundation
import Records
import SQLKit

final class MessageRow: Model, @unchecked Sendable {
    static let schema = "application_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "sender") var sender: String
    @Field(key: "author") var author: String
    @Field(key: "body") var body: String
    @Field(key: "at") var at: Double

    init() {}
}
