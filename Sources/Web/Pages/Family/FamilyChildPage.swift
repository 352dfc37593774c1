import Admissions
import Foundation
import Records
import Vapor

extension FamilyPages {
    struct ChildPage: Encodable {
        let layout: Layout
        let child: ChildCard
    }
}
