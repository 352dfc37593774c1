import Admissions
import Foundation
import Records
import Vapor

/// The page models and forms of `DocumentsController`: plain values that templates read, built without a request.
enum DocumentsPages {}

extension DocumentsPages {
    struct UploadForm: Content {
        var kind: String?
        var file: File?
    }
}
