import FluentKit
import Foundation
import SQLKit

/// One stored value of the book as the grids, summaries and results read it: decoded by SQLKit straight into this
/// value, without Fluent's models (a homeroom grid reads over 500 of them per request).
struct StoredValue: Decodable, Sendable {
    let studentID: UUID
    let item: String
    let level: String?
    let score: Int?
    let comment: String
    let updatedByName: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case studentID = "student_id"
        case item, level, score, comment
        case updatedByName = "updated_by_name"
        case updatedAt = "updated_at"
    }

    /// Which items of a class at a checkpoint to read.
    enum Items {
        case all
        case exactly(String)
        case prefixed(String)
    }

    /// The values of class `id` at `checkpoint` whose item matches `items`.
    static func load(class id: UUID, checkpoint: Checkpoint, items: Items, on db: any Database) async throws -> [StoredValue] {
        let query = db.sql().select()
            .columns("student_id", "item", "level", "score", "comment", "updated_by_name", "updated_at")
            .from(AssessmentValueRow.schema)
            .where("class_id", .equal, SQLBind(id)).where("checkpoint", .equal, SQLBind(checkpoint.rawValue))
        switch items {
        case .all: break
        case .exactly(let item): query.where("item", .equal, SQLBind(item))
        case .prefixed(let prefix): query.where("item", .like, SQLBind(prefix + "%"))
        }
        return try await query.all(decoding: StoredValue.self)
    }
}
