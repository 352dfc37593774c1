import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `DeskController`: plain values that templates read, built without a request.
enum DeskPages {}

extension DeskPages {
    struct SearchPage: Encodable {
        let layout: Layout
        let campaignTitle: String?
        let query: String
        let hits: [HitRow]
        let searched: Bool
    }

    struct QuestionsPage: Encodable {
        let layout: Layout
        let campaignTitle: String?
        let questions: [QuestionRow]
    }

    struct QuestionRow: Encodable {
        let childName: String
        let code: String
        let question: String
        let askedAt: String
        let href: String
    }

    struct HitRow: Encodable {
        let childName: String
        let birthDate: String
        let kindergarten: String
        let parent: String
        let code: String
        let status: String
        let href: String
    }
}

extension DeskPages.HitRow {
    /// One search hit as the desk's pages list it.
    init(_ hit: DeskHit) {
        self.init(
            childName: hit.childName, birthDate: hit.birthDate, kindergarten: hit.kindergarten,
            parent: [hit.parentName, hit.parentPhone].filter { !$0.isEmpty }.joined(separator: " · "), code: hit.code.display,
            status: hit.status.map { $0.label + (hit.enteredBy.isEmpty ? "" : " (nhập tại bàn bởi \(hit.enteredBy))") } ?? "Chưa có hồ sơ",
            href: Site.deskCase(hit.code))
    }
}
