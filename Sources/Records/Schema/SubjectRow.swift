import FluentKit
import Foundation

final class SubjectRow: Model, @unchecked Sendable {
    static let schema = "subjects"

    @ID(key: .id) var id: UUID?
    @Field(key: "grade") var grade: Int
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "status") var status: String
    @Field(key: "is_scored") var isScored: Bool
    @Field(key: "periods_per_year") var periodsPerYear: Int
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "is_active") var isActive: Bool

    init() {}
}
