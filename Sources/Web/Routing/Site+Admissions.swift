import Admissions
import Foundation
import Records

/// Admissions, staff side: campaigns, lists and codes, printouts, the desk, the council, the draw, conversion.
extension Site {
    static let campaigns = FixedPath("/admissions")
    static let campaignsNew = FixedPath("/admissions/campaigns/new")
    static let campaign = SitePath<CampaignID>("/admissions/campaigns/:id")
    static let campaignEdit = SitePath<CampaignID>("/admissions/campaigns/:id/edit")
    static let kindergartens = SitePath<CampaignID>("/admissions/campaigns/:id/kindergartens")
    static let wipeTrial = SitePath<CampaignID>("/admissions/campaigns/:id/wipe-trial")
    static let importList = SitePath<CampaignID>("/admissions/campaigns/:id/import")
    static let importCommit = SitePath<UUID>("/admissions/imports/:batch/commit")
    static let children = SitePath<CampaignID>("/admissions/campaigns/:id/children")
    static let childrenXLSX = SitePath<CampaignID>("/admissions/campaigns/:id/children.xlsx")
    static let reissue = SitePath<RegistrationCode>("/admissions/codes/:code/reissue")
    static let report = SitePath<CampaignID>("/admissions/campaigns/:id/report")
    static let reportCSV = SitePath<CampaignID>("/admissions/campaigns/:id/report.csv")
    static let reportXLSX = SitePath<CampaignID>("/admissions/campaigns/:id/report.xlsx")

    static let slips = SitePath<KindergartenID>("/admissions/kindergartens/:kg/slips.pdf")
    static let handover = SitePath<KindergartenID>("/admissions/kindergartens/:kg/handover")
    static let handoverRecord = SitePath<UUID>("/admissions/handovers/:id/record.pdf")

    static let desk = FixedPath("/admissions/desk")
    static let deskWalkIn = FixedPath("/admissions/desk/walk-in")
    static let deskQuestions = FixedPath("/admissions/desk/questions")
    static let deskCase = SitePath<RegistrationCode>("/admissions/desk/:code")
    static let deskForm = SitePath<RegistrationCode>("/admissions/desk/:code/form")
    static let deskMessages = SitePath<RegistrationCode>("/admissions/desk/:code/messages")
    static let deskUnlock = SitePath<RegistrationCode>("/admissions/desk/:code/unlock")
    static let deskDocuments = SitePath<RegistrationCode>("/admissions/desk/:code/documents")
    static let deskDocument = SitePath<RegistrationCode, UUID>("/admissions/desk/:code/documents/:id")

    static let review = FixedPath("/admissions/review")
    static let reviewQueue = SitePath<CampaignID>("/admissions/campaigns/:id/review")
    static let reviewQueueXLSX = SitePath<CampaignID>("/admissions/campaigns/:id/applications.xlsx")
    static let reviewApplication = SitePath<AdmissionApplicationID>("/admissions/review/:application")
    static let reviewDocument = SitePath<AdmissionApplicationID, UUID>("/admissions/review/:application/documents/:document")
    static let resultCorrection = SitePath<AdmissionApplicationID>("/admissions/review/:application/correct")
    static let outbox = FixedPath("/admissions/outbox")

    static let draw = SitePath<CampaignID>("/admissions/campaigns/:id/draw")
    static let drawAnnounce = SitePath<CampaignID>("/admissions/campaigns/:id/draw/announce")
    static let drawRun = SitePath<CampaignID>("/admissions/campaigns/:id/draw/run")
    static let drawEndReview = SitePath<CampaignID>("/admissions/campaigns/:id/draw/end-review")
    static let drawApprove = SitePath<CampaignID>("/admissions/campaigns/:id/draw/approve")
    static let minutes = SitePath<CampaignID>("/admissions/campaigns/:id/minutes.pdf")
    static let results = SitePath<CampaignID>("/admissions/campaigns/:id/results")
    static let resultsCSV = SitePath<CampaignID>("/admissions/campaigns/:id/results.csv")
    static let resultsXLSX = SitePath<CampaignID>("/admissions/campaigns/:id/results.xlsx")
    static let convert = SitePath<CampaignID>("/admissions/campaigns/:id/convert")
}

/// The public admissions portal, in Vietnamese as parents read and type it.
extension Site {
    static let portal = FixedPath("/tuyen-sinh")
    static let portalApplication = FixedPath("/tuyen-sinh/ho-so")
    static let portalReceipt = FixedPath("/tuyen-sinh/bien-nhan")
    static let portalReceiptPDF = FixedPath("/tuyen-sinh/bien-nhan.pdf")
    static let portalLogout = FixedPath("/tuyen-sinh/thoat")
    static let portalAsk = FixedPath("/tuyen-sinh/hoi")
    static let portalDocuments = FixedPath("/tuyen-sinh/giay-to")
    static let portalDocument = SitePath<UUID>("/tuyen-sinh/giay-to/:id")
    static let portalResults = FixedPath("/tuyen-sinh/ket-qua")
    static let portalConfirm = FixedPath("/tuyen-sinh/xac-nhan")
}
