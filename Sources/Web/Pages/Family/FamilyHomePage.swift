import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `FamilyController`: plain values that templates read, built without a request.
enum FamilyPages {}

extension FamilyPages {
    struct HomePage: Encodable {
        let layout: Layout
        let name: String
        let children: [ChildCard]
        let feed: [FeedLine]
    }

    struct ChildCard: Encodable {
        let name: String
        let birthDate: String
        let relation: String
        let className: String
        let yearName: String
        let teacher: String
        let registerNumber: String
        let href: String
        let conversation: String

        init(_ child: FamilyChild) {
            name = child.name.full
            birthDate = child.birthDate.display
            relation = child.relation.label
            className = child.className ?? ""
            yearName = child.yearName ?? ""
            teacher = child.homeroomTeacher ?? ""
            registerNumber = child.registerNumber ?? ""
            href = Site.familyChild(child.studentID)
            conversation = Site.familyConversation(child.studentID)
        }
    }
}
