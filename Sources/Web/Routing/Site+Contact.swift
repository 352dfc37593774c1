import Foundation
import Records

/// The contact book (sổ liên lạc): the staff's pages under `/school/contact`, the family's under `/phu-huynh`.
extension Site {
    static let contactBook = FixedPath("/school/contact")
    static let announcementNew = FixedPath("/school/contact/new")
    static let announcement = SitePath<UUID>("/school/contact/announcements/:id")
    static let announcementRetract = SitePath<UUID>("/school/contact/announcements/:id/retract")
    static let classConversations = SitePath<ClassID>("/school/classes/:id/conversations")
    static let conversation = SitePath<StudentID>("/school/contact/pupils/:id")
    static let contactFile = SitePath<UUID>("/school/contact/files/:id")
    static let contactReportResolve = SitePath<UUID>("/school/contact/reports/:id/resolve")

    static let familyAnnouncement = SitePath<UUID>("/phu-huynh/thong-bao/:id")
    static let familyConfirm = SitePath<UUID>("/phu-huynh/thong-bao/:id/xac-nhan")
    static let familyConversation = SitePath<StudentID>("/phu-huynh/con/:id/trao-doi")
    static let familyChannels = FixedPath("/phu-huynh/nhan-tin")
    static let familyFile = SitePath<UUID>("/phu-huynh/tep/:id")
    static let familyReport = SitePath<UUID>("/phu-huynh/thong-bao/:id/bao-cao")
    static let familyReportMessage = SitePath<StudentID>("/phu-huynh/con/:id/trao-doi/bao-cao")
    static let familyPhotoConsent = SitePath<StudentID>("/phu-huynh/con/:id/dong-y-anh")
}
