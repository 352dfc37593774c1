import FluentKit
import Foundation
import Records

extension Outbox {
    /// Queues a message to every email and phone the application names.
    static func queue(code: String, form: ApplicationForm, subject: String, body: String, at now: Date, on db: any Database) async throws {
        let people = [form.mother, form.father, form.guardian]
        try await queue(code: code, emails: people.map(\.email), phones: people.map(\.phone), subject: subject, body: body, at: now, on: db)
    }
}
