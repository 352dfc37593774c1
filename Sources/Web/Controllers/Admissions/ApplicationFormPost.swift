import Admissions
import Records
import Vapor

/// What a post of the application form asks for: the button pressed.
enum ApplicationFormAction: String {
    case upload, draft, submit

    /// The largest post of the form: above the 5 MB a file may have, so that a larger photo reaches the form and is
    /// refused beside its field with everything typed kept, rather than by a bare 413.
    static let bodyLimit: ByteCount = "16mb"
}

extension Request {
    /// One post of the application form, by the family on the portal or by the desk for them. Whatever happens — an
    /// upload, a refusal — nothing typed is lost: while the application is not yet submitted the typed values are
    /// saved as its draft, and the page that comes back shows exactly what was posted.
    func postApplicationForm(
        _ access: PortalAccess, loaded: PortalCase? = nil, by caller: Caller, context: FormContext,
        defaultAction: ApplicationFormAction
    ) async throws -> Response {
        let posted = try content.decode(PortalApplicationForm.self)
        let action = posted.action.flatMap(ApplicationFormAction.init(rawValue:)) ?? defaultAction
        let service = domain.applications
        do {
            let keptAsDraft = action == .upload ? try await keepDraft(posted, for: access, by: caller) : false
            let uploaded = try await uploadChosenFile(posted, for: access, by: caller, required: action == .upload)
            switch action {
            case .upload:
                let said = uploaded.map { "Đã tải lên \($0.kindName): \($0.filename)." } ?? ""
                if keptAsDraft || !posted.carriesForm {
                    return redirect(to: context.formPage, flash: keptAsDraft ? said + " Những gì đã nhập được lưu nháp." : said)
                }
                // A submitted application being edited keeps its stored version until the family sends the edit: the
                // edit comes back on the page as typed.
                return try await renderApplicationForm(access, context: context, posted: posted, notice: said)
            case .draft:
                try await service.saveDraft(posted.form, for: access, by: caller)
                return redirect(to: context.afterDraft.path, flash: context.afterDraft.flash, kind: .info)
            case .submit:
                try await service.submit(posted.form, for: access, loaded: loaded, by: caller)
                let next = context.afterSubmit
                return next.flash.map { redirect(to: next.path, flash: $0) } ?? redirect(to: next.path, redirectType: .normal)
            }
        } catch let problems as FieldProblems {
            // A refused submission is still kept as the draft, so a closed tab does not lose it.
            let kept = try await keepDraft(posted, for: access, by: caller)
            return try await renderApplicationForm(
                access, context: context, posted: posted, problems: problems,
                notice: kept && action == .submit ? "Hồ sơ chưa được nộp; những gì đã nhập được lưu nháp." : "")
        } catch AdmissionsError.windowClosed {
            // The page that comes back says the portal has closed and whom to call, not a bare 409.
            let response = try await renderApplicationForm(access, context: context)
            response.status = .conflict
            return response
        }
    }

    /// Saves `posted` as the draft when it carries the form (a bare upload does not), the application has not been
    /// submitted and the values pass the draft's length limits; says whether it did.
    private func keepDraft(_ posted: PortalApplicationForm, for access: PortalAccess, by caller: Caller) async throws -> Bool {
        guard posted.carriesForm else { return false }
        do {
            try await domain.applications.saveDraft(posted.form, for: access, by: caller)
            return true
        } catch is FieldProblems {
            return false
        } catch AdmissionsError.alreadySubmitted {
            return false
        }
    }

    /// Stores the file chosen on the form, if any; an upload without a file is refused next to the field.
    private func uploadChosenFile(_ posted: PortalApplicationForm, for access: PortalAccess, by caller: Caller, required: Bool)
        async throws -> ApplicationDocument?
    {
        guard let file = posted.file?.file, file.data.readableBytes > 0 else {
            if required { throw FieldProblems("file", "Vui lòng chọn tệp để tải lên (chưa chọn tệp, hoặc tệp trống).") }
            return nil
        }
        return try await domain.documents.upload(
            Array(file.data.readableBytesView), filename: file.filename, kind: posted.kind ?? "", for: access, by: caller)
    }
}
