import FluentKit
import Foundation

/// The meanings users chose for headers hoso did not know, kept for the next file with the same header.
enum ColumnChoices {
    /// Remembers `column` (a column's raw value) for each chosen position whose header `known` does not recognise,
    /// under `key(header)`.
    static func remember(
        _ choices: [Int: String], headers: [String], known: (String) -> Bool, key: (String) -> String, at now: Date,
        on db: any Database
    ) async throws {
        for (position, column) in choices where position < headers.count {
            let header = headers[position]
            guard !known(header), !header.isEmpty else { continue }
            let id = String(key(header).prefix(200))
            let stored = try await ImportColumnChoiceRow.find(id, on: db) ?? ImportColumnChoiceRow()
            stored.id = id
            stored.columnName = column
            stored.updatedAt = Timestamps.storage(now)
            try await stored.save(on: db)
        }
    }
}
