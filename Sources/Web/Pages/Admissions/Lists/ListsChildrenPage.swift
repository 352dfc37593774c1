import Admissions
import Foundation
import Records
import Vapor

extension ListsPages {
    struct ChildrenPage: Encodable {
        let layout: Layout
        let campaignTitle: String
        let campaignPath: String
        let rows: [ChildRow]
        let query: String
        let canLists: Bool
        let xlsxPath: String
        let nextPath: String?
        let firstPath: String?
    }

    struct ChildRow: Encodable {
        let name: String
        let birthDate: String
        let gender: String
        let kindergarten: String
        let parent: String
        let code: String
        let reissuePath: String?
        let source: String
    }
}
