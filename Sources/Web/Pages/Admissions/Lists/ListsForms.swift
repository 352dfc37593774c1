import Admissions
import Foundation
import Records
import Vapor

extension ListsPages {
    struct UploadForm: Content {
        var kindergartenID: String?
        var file: File?
    }

    struct ChildForm: Content {
        var kindergartenID: String?
        var family: String?
        var middle: String?
        var given: String?
        var familyLast: String?
        var birthDate: String?
        var gender: String?
        var personalID: String?
        var parentName: String?
        var parentPhone: String?
        var olderReason: String?
    }

    struct ReissueForm: Content {
        var reason: String?
    }
}
