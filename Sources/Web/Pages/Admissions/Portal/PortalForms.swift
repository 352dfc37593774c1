import Admissions
import Foundation
import Records
import Vapor

extension PortalPages {
    struct OpenForm: Content {
        var code: String?
        var birthDate: String?
    }

    struct AskForm: Content {
        var body: String?
    }

    struct ConfirmForm: Content {
        var accept: String?
    }
}
