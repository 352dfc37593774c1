import Documents
import FluentKit
import Foundation
import Records
import SQLKit

final class DocumentRow: Model, @unchecked Sendable {
    static let schema = "application_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "kind") var kind: String
    @Field(key: "filename") var filename: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "stored_name") var storedName: String
    @Field(key: "uploaded_at") var uploadedAt: Double
    @Field(key: "uploaded_by") var uploadedBy: String

    init() {}
}
