import Admissions
import Fluent
import Foundation
import Records
import Vapor

extension PortalPages {
    struct FormPage: Encodable {
        let layout: Layout
        let campaign: CampaignSummary
        let code: String
        let listedName: String
        let listedBirthDate: String
        /// The parent the kindergarten list names, shown as a hint.
        let listedParent: String
        let form: FormState
        let units: [SelectOption]
        let priorities: [Choice]
        let status: String?
        let number: String?
        let enteredBy: String
        /// Where the form posts: the portal, or the desk working on the parent's behalf.
        let action: String
        let isDesk: Bool
        let logoutAction: String
        let documents: [DocumentRow]
        let documentKinds: [SelectOption]
        let uploadAction: String
        /// Said instead of the form once the family can no longer submit or change it; empty while they can.
        let closedNotice: String
        /// Under which name the browser keeps what is typed before it is sent (one per child and per portal or desk),
        /// and the stored version it was typed over: a browser copy of an older version is stale and dropped.
        let draftKey: String
        let draftVersion: Int
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct DocumentRow: Encodable {
        let kind: String
        let filename: String
        let size: String
        let href: String
    }
}

extension PortalPages.FormPage {
    /// The form for `portalCase` as `context` fills it: what was stored (or the kindergarten list's data for a new
    /// application), or, after a refusal, exactly what was `posted`, with the `problems` beside their fields.
    init(
        layout: Layout, access: PortalAccess, portalCase: PortalCase, documents: [ApplicationDocument], context: FormContext,
        posted: PortalApplicationForm? = nil, problems: FieldProblems = .init(), now: Date = Date()
    ) {
        let stored = portalCase.application?.form ?? .prefilled(from: portalCase.child)
        var shown = PortalApplicationForm.values(posted?.form ?? stored, birthDateText: posted?.childBirthDate)
        if let posted { shown["residenceUnit"] = posted.residenceUnit ?? "" }
        let claimed = posted.map { Set($0.priorityCodes ?? []) } ?? Set(stored.priorityCodes)
        var units = portalCase.campaign.catchmentUnits.map {
            SelectOption(value: $0.key, label: $0.label, selected: shown["residenceUnit"] == $0.key)
        }
        units.append(
            SelectOption(value: "outside", label: "Ngoài địa bàn tuyển sinh của trường", selected: shown["residenceUnit"] == "outside"))
        // The ward and hamlet are one select on the form: their problems are shown beside it.
        var renamed = FieldProblems()
        for problem in problems.list {
            renamed.add(["wardCode", "hamlet"].contains(problem.field) ? "residenceUnit" : problem.field, problem.message)
        }
        let child = portalCase.child
        self.init(
            layout: layout, campaign: PortalPages.CampaignSummary(portalCase.campaign), code: access.code.display,
            listedName: child.name.full, listedBirthDate: child.birthDate?.display ?? "",
            listedParent: [child.parentName, child.parentPhone].filter { !$0.isEmpty }.joined(separator: ", "),
            form: FormState(values: shown, problems: renamed), units: units,
            priorities: portalCase.campaign.priorityGroups.map {
                PortalPages.Choice(value: $0.code, label: $0.name, checked: claimed.contains($0.code))
            },
            status: portalCase.application?.status.label, number: portalCase.application?.number,
            enteredBy: portalCase.application?.enteredBy ?? "", action: context.formAction, isDesk: context.isDesk,
            logoutAction: Site.portalLogout(),
            documents: documents.map {
                PortalPages.DocumentRow(
                    kind: $0.kindName, filename: $0.filename, size: "\(max(1, $0.size / 1024)) KB", href: context.document($0.id))
            },
            documentKinds: portalCase.campaign.requiredDocuments.map {
                SelectOption(value: $0.code, label: $0.name + ($0.mandatory ? " (bắt buộc)" : ""), selected: posted?.kind == $0.code)
            },
            uploadAction: context.uploadAction,
            closedNotice: Self.closedNotice(portalCase, now: now),
            draftKey: PortalPages.draftKey(access, context: context),
            draftVersion: portalCase.application?.version ?? 0)
    }
}

extension PortalPages {
    /// Under which name the browser keeps the unsent form of the child of `access`, in `context`.
    static func draftKey(_ access: PortalAccess, context: FormContext) -> String {
        "hoso-form:\(context.isDesk ? "desk" : "portal"):\(access.childID.uuid.uuidString.lowercased())"
    }
}

extension PortalPages.FormPage {
    /// What the family reads when the portal no longer takes their application (the window closed and the council has
    /// not asked them for more): what happened, and whom to call.
    static func closedNotice(_ portalCase: PortalCase, now: Date) -> String {
        guard !ApplicationService.mayChange(portalCase.application, in: portalCase.campaign, at: now) else { return "" }
        let closed = PortalPages.CampaignSummary.deadline(portalCase.campaign.windows.applyUntil)
        let phone = portalCase.campaign.deskPhone
        let what =
            portalCase.application.map { $0.status == .draft ? "Hồ sơ nháp chưa được nộp" : "Hồ sơ đã nộp không sửa được nữa" }
            ?? "Gia đình chưa nộp hồ sơ"
        return "Cổng đã ngừng nhận hồ sơ trực tuyến (\(closed)). \(what) và không thể nộp hay sửa trên cổng. "
            + (phone.isEmpty ? "Vui lòng liên hệ nhà trường." : "Vui lòng gọi bàn thường trực tuyển sinh: \(phone).")
    }
}

extension Request {
    /// Renders the application form of `access` for `context`; with `problems`, the one refusal page of the form
    /// (portal, desk and uploads alike): 422, every typed value kept. A `notice` is said at the top of the page.
    func renderApplicationForm(
        _ access: PortalAccess, context: FormContext, posted: PortalApplicationForm? = nil, problems: FieldProblems = .init(),
        notice: String = "", loaded: PortalCase? = nil
    ) async throws -> Response {
        let portalCase: PortalCase
        if let loaded { portalCase = loaded } else { portalCase = try await domain.applications.load(access) }
        let documents = try await domain.documents.list(for: access)
        var layout = portalLayout("Hồ sơ đăng ký vào lớp 1", campaign: portalCase.campaign)
        if !notice.isEmpty { layout.flash = Flash(kind: problems.isEmpty ? .success : .info, message: notice) }
        let page = PortalPages.FormPage(
            layout: layout, access: access, portalCase: portalCase,
            documents: documents, context: context,
            posted: posted, problems: problems)
        return try await render("portal/application", page, status: problems.isEmpty ? .ok : .unprocessableEntity)
    }
}
