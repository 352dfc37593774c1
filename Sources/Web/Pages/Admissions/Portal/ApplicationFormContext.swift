import Admissions
import Foundation

/// Who is filling an application form: the family on the portal, or the on-duty desk on behalf of the family of `code`.
/// Pages and redirects read the difference from this value, never from the URL.
enum FormContext: Sendable, Equatable {
    case portal
    case desk(RegistrationCode)

    /// Where the application form posts.
    var formAction: String {
        switch self {
        case .portal: Site.portalApplication()
        case .desk(let code): Site.deskForm(code)
        }
    }

    /// Where the form comes back after an upload (the portal's edit mode, or the desk's form).
    var formPage: String {
        switch self {
        case .portal: Site.portalApplication(query: ["sua": "1"])
        case .desk(let code): Site.deskForm(code)
        }
    }

    /// Where a saved draft leads, and what it says there.
    var afterDraft: (path: String, flash: String) {
        switch self {
        case .portal: (Site.portalApplication(), "Đã lưu nháp. Hồ sơ chưa được nộp.")
        case .desk(let code): (Site.deskCase(code), "Đã lưu nháp hồ sơ.")
        }
    }

    /// Where a submission leads, and what it says there (the portal's receipt says it itself).
    var afterSubmit: (path: String, flash: String?) {
        switch self {
        case .portal: (Site.portalReceipt(), nil)
        case .desk(let code): (Site.deskCase(code), "Đã nộp hồ sơ thay phụ huynh.")
        }
    }

    /// Where documents are uploaded.
    var uploadAction: String {
        switch self {
        case .portal: Site.portalDocuments()
        case .desk(let code): Site.deskDocuments(code)
        }
    }

    /// Where one uploaded document is opened.
    func document(_ id: UUID) -> String {
        switch self {
        case .portal: Site.portalDocument(id)
        case .desk(let code): Site.deskDocument(code, id)
        }
    }

    var isDesk: Bool { self != .portal }
}
