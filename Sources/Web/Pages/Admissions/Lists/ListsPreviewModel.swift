import Admissions
import Foundation
import Records
import Vapor

extension ListsPages {
    struct PreviewModel: Encodable {
        let filename: String
        let rows: [PreviewRow]
        let badCount: Int
        let importable: Bool
        let commitPath: String?
    }

    struct PreviewRow: Encodable {
        let line: Int
        let name: String
        let birthDate: String
        let gender: String
        let personalID: String
        let parent: String
        let problems: [String]
    }
}
