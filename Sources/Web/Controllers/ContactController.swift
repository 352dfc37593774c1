import Documents
import Foundation
import Records
import Vapor

/// The contact book's staff pages: announcements written, previewed and sent, who read them, and the conversations
/// with families class by class. Every check is the contact book's; a page only offers what it allows.
struct ContactController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.contactBook, use: book)
        routes.get(Site.announcementNew, use: compose)
        routes.post(Site.announcementNew, use: composePost)
        routes.get(Site.announcement, use: announcement)
        routes.post(Site.announcementRetract, use: retract)
        routes.get(Site.classConversations, use: conversations)
        routes.get(Site.conversation, use: conversation)
        routes.post(Site.conversation, use: write)
    }

    /// Who may use the staff side at all: those who may address the school, and homeroom teachers.
    static func uses(_ caller: Caller) -> Bool {
        !caller.isParent && (caller.may(.manageSchool) || caller.may(.controlAssessment) || !caller.grants.homeroomClasses.isEmpty)
    }

    @Sendable func book(req: Request) async throws -> Response {
        let caller = try req.caller()
        guard Self.uses(caller) else { throw Abort(.forbidden) }
        let contact = req.domain.contact
        let now = Date()
        let sent = try await contact.sent(by: caller).map { ContactPages.AnnouncementLine($0, now: now) }
        var classes: [ContactPages.ClassLink] = []
        for schoolClass in try await req.domain.classes.list(by: caller)
        where caller.may(.controlAssessment) || caller.may(.writeClassRecords(schoolClass.id)) {
            let threads = try await contact.conversations(class: schoolClass.id, by: caller)
            classes.append(
                ContactPages.ClassLink(
                    name: schoolClass.name, href: Site.classConversations(schoolClass.id), awaiting: threads.filter(\.awaitingReply).count))
        }
        return try await req.render(
            "contact/book",
            ContactPages.BookPage(
                layout: req.layout("Sổ liên lạc", active: Site.contactBook()), canCompose: true, composeHref: Site.announcementNew(),
                oversight: caller.may(.controlAssessment), announcements: sent, classes: classes,
                accountsHref: caller.may(.writeRegister) || caller.grants.roles.contains(.inspector) ? Site.contacts() : nil,
                costs: caller.may(.controlAssessment) ? Self.costLines(try await req.domain.outbox.costs(by: caller)) : [],
                reports: caller.may(.controlAssessment) ? try await contact.reports(by: caller).map(ContactPages.ReportLine.init) : []))
    }

    @Sendable func compose(req: Request) async throws -> Response {
        let caller = try req.caller()
        guard Self.uses(caller) else { throw Abort(.forbidden) }
        var form = ContactPages.ComposeForm()
        form.audience = try? req.query.get(String.self, at: "gui")
        return try await renderCompose(req, form, caller: caller)
    }

    @Sendable func composePost(req: Request) async throws -> Response {
        let caller = try req.caller()
        guard Self.uses(caller) else { throw Abort(.forbidden) }
        var form = try req.content.decode(ContactPages.ComposeForm.self)
        let files = req.domain.contactFiles
        if let pending = form.pending, files.pending(pending) == nil { form.pending = nil }
        if let file = form.attachment, file.data.readableBytes > 0 {
            let bytes = Array(file.data.readableBytesView)
            switch UploadInspector.inspect(bytes) {
            case .failure(let refusal):
                form.attachment = nil
                return try await renderCompose(
                    req, form, caller: caller, problems: FieldProblems("attachment", refusal.message), status: .unprocessableEntity)
            case .success(let kind):
                if let old = form.pending { files.dropPending(old) }
                form.pending = try files.keepPending(bytes, kind: kind)
                form.pendingName = file.filename
            }
        }
        form.attachment = nil
        var draft: AnnouncementDraft
        let preview: AudiencePreview
        do {
            draft = try Self.draft(form)
            preview = try await req.domain.contact.preview(draft.audience, by: caller)
        } catch let problems as FieldProblems {
            return try await renderCompose(req, form, caller: caller, problems: problems, status: .unprocessableEntity)
        }
        let token = ContactPages.PreviewModel.token(preview)
        guard form.step == "send" else { return try await renderCompose(req, form, caller: caller, preview: preview) }
        guard form.previewed == token else {
            let changed = FieldProblems("audience", "Danh sách người nhận đã thay đổi so với lúc xem trước. Vui lòng xem lại rồi gửi.")
            return try await renderCompose(
                req, form, caller: caller, preview: preview, problems: changed, status: .unprocessableEntity)
        }
        if let pending = form.pending, let bytes = files.pending(pending) {
            draft.attachment = AttachmentUpload(
                bytes: bytes, filename: form.pendingName ?? "", showsPupils: form.showsPupils.map { $0 == "yes" },
                pictured: (form.pictured ?? []).compactMap(UUID.init(uuidString:)).map(StudentID.init))
        }
        do {
            let sent = try await req.domain.contact.announce(draft, by: caller)
            if let pending = form.pending { files.dropPending(pending) }
            let when = sent.sendAt > Date() ? "sẽ gửi lúc \(Timestamps.display(sent.sendAt))" : "đã gửi"
            return req.redirect(to: Site.announcement(sent.id), flash: "Thông báo \(when) tới \(sent.families) gia đình.")
        } catch let problems as FieldProblems {
            return try await renderCompose(
                req, form, caller: caller, preview: preview, problems: problems, status: .unprocessableEntity)
        }
    }

    /// Reads the form into a draft; typing errors are field problems, as the contact book's own.
    static func draft(_ form: ContactPages.ComposeForm) throws -> AnnouncementDraft {
        var problems = FieldProblems()
        let audience: Audience?
        let choice = form.audience ?? ""
        if choice == "school" {
            audience = .school
        } else if choice.hasPrefix("grade:"), let grade = Int(choice.dropFirst(6)), (1...5).contains(grade) {
            audience = .grade(grade)
        } else if choice.hasPrefix("class:"), let id = UUID(uuidString: String(choice.dropFirst(6))) {
            audience = .class(ClassID(id))
        } else if choice == "group" {
            let pupils = (form.pupils ?? []).compactMap(UUID.init(uuidString:)).map(StudentID.init)
            audience = .group(pupils)
        } else {
            audience = nil
            problems.add("audience", "Chọn người nhận.")
        }
        var replyBy: SchoolDate?
        if let text = form.replyBy, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            replyBy = SchoolDate(vietnamese: text)
            if replyBy == nil { problems.add("replyBy", "Ngày không đọc được; nhập theo dạng ngày/tháng/năm, ví dụ 15/12/2026.") }
        }
        var sendAt: Date?
        if let text = form.sendAt, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            sendAt = Timestamps.parseDisplay(text)
            if sendAt == nil { problems.add("sendAt", "Thời điểm không đọc được; nhập ngày/tháng/năm giờ:phút, ví dụ 15/12/2026 07:30.") }
        }
        try problems.throwIfAny()
        return AnnouncementDraft(
            audience: audience!, title: form.title ?? "", body: form.body ?? "", replyBy: replyBy, urgent: FormInput.checked(form.urgent),
            sendAt: sendAt)
    }

    func renderCompose(
        _ req: Request, _ form: ContactPages.ComposeForm, caller: Caller, preview: AudiencePreview? = nil,
        problems: FieldProblems = FieldProblems(), status: HTTPStatus = .ok
    ) async throws -> Response {
        let classes = try await req.domain.classes.list(by: caller).filter {
            caller.may(.manageSchool) || caller.may(.writeClassRecords($0.id))
        }
        let chosen = form.audience ?? ""
        var options: [(String, String)] = []
        if caller.may(.manageSchool) {
            options.append(("school", "Toàn trường"))
            options += Set(classes.map(\.grade)).sorted().map { ("grade:\($0)", "Khối \($0)") }
        }
        options += classes.map { ("class:\($0.id)", "Lớp \($0.name)") }
        options.append(("group", "Một số gia đình (chọn học sinh)"))
        let groupClass = classes.first { $0.id.description == form.groupClass } ?? classes.first
        var pupils: [ContactPages.PupilChoice] = []
        if chosen == "group", let groupClass {
            let checked = Set(form.pupils ?? [])
            pupils = try await req.domain.rosters.roster(class: groupClass.id, by: caller).lines.filter(\.attending).map {
                ContactPages.PupilChoice(
                    id: $0.studentID.description, name: $0.name.full, checked: checked.contains($0.studentID.description))
            }
        }
        let values = [
            "title": form.title ?? "", "body": form.body ?? "", "replyBy": form.replyBy ?? "", "sendAt": form.sendAt ?? "",
        ]
        let pending = form.pending ?? ""
        let isPhoto = pending.hasSuffix(".jpg") || pending.hasSuffix(".png")
        var photoChoices: [ContactPages.PhotoChoice] = []
        if isPhoto, let preview, let draft = try? Self.draft(form) {
            let ticked = Set(form.pictured ?? [])
            photoChoices = try await req.domain.contact.photoChoices(draft.audience, by: caller).map {
                ContactPages.PhotoChoice(
                    id: $0.student.description, name: $0.name, allowed: $0.allowed, checked: ticked.contains($0.student.description))
            }
            _ = preview
        }
        let page = ContactPages.ComposePage(
            layout: req.layout("Thông báo mới", active: Site.contactBook()), action: Site.announcementNew(),
            form: FormState(values: values, problems: problems),
            audiences: options.map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == chosen) },
            groupClasses: classes.map {
                SelectOption(value: $0.id.description, label: "Lớp \($0.name)", selected: $0.id == groupClass?.id)
            },
            groupPupils: pupils, isGroup: chosen == "group", urgent: FormInput.checked(form.urgent),
            preview: preview.map(ContactPages.PreviewModel.init), rules: ContactPages.rules,
            showRules: !(try await req.domain.contact.hasWritten(by: caller)), pending: pending, pendingName: form.pendingName ?? "",
            pendingIsPhoto: isPhoto, showsPupils: form.showsPupils ?? "", photoChoices: photoChoices)
        return try await req.render("contact/compose", page, status: status)
    }

    @Sendable func announcement(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self)
        let caller = try req.caller()
        let contact = req.domain.contact
        guard let sent = try await contact.sent(by: caller).first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let recipients = try await contact.recipients(of: id, by: caller).map {
            ContactPages.RecipientLine(
                family: $0.family, children: $0.children, read: $0.read.map(Timestamps.display) ?? "",
                confirmed: $0.confirmed.map(Timestamps.display) ?? "")
        }
        return try await req.render(
            "contact/announcement",
            ContactPages.AnnouncementPage(
                layout: req.layout(sent.title, active: Site.contactBook()), announcement: ContactPages.AnnouncementLine(sent, now: Date()),
                body: sent.body, replyBy: sent.replyBy?.display ?? "", recipients: recipients,
                deliveries: try await contact.deliveries(of: id, by: caller).map(ContactPages.DeliveryLine.init),
                files: try await contact.announcementFiles(id, by: caller).map { ContactPages.FileLine($0, family: false) },
                retractAction: sent.retracted ? nil : Site.announcementRetract(id), backHref: Site.contactBook()))
    }

    static func costLines(_ costs: [(month: String, channel: String, messages: Int, cost: Int)]) -> [ContactPages.CostLine] {
        costs.map {
            ContactPages.CostLine(
                month: $0.month, channel: OutboxPages.channelName($0.channel), messages: $0.messages,
                cost: $0.cost.formatted(.number.grouping(.automatic).locale(Locale(identifier: "vi_VN"))) + " đ")
        }
    }

    @Sendable func retract(req: Request) async throws -> Response {
        let id = try req.pathValue(UUID.self)
        try await req.domain.contact.retract(id, by: req.caller())
        return req.redirect(to: Site.announcement(id), flash: "Đã thu hồi thông báo: gia đình không còn thấy; nội dung vẫn được lưu.")
    }

    @Sendable func conversations(req: Request) async throws -> Response {
        let id = try req.pathValue(ClassID.self)
        let caller = try req.caller()
        let threads = try await req.domain.contact.conversations(class: id, by: caller)
        let roster = try await req.domain.rosters.roster(class: id, by: caller)
        let talking = Set(threads.map(\.studentID))
        return try await req.render(
            "contact/conversations",
            ContactPages.ConversationsPage(
                layout: req.layout("Trao đổi với phụ huynh lớp \(roster.className)", active: Site.contactBook()),
                className: roster.className,
                threads: threads.map {
                    ContactPages.ThreadLine(
                        pupil: $0.pupilName, last: $0.lastMessage, lastAt: Timestamps.display($0.lastAt), awaiting: $0.awaitingReply,
                        replyTime: ContactPages.replyTime($0.replyMinutes), href: Site.conversation($0.studentID))
                },
                others: roster.lines.filter { $0.attending && !talking.contains($0.studentID) }.map {
                    ContactPages.PupilLink(name: $0.name.full, href: Site.conversation($0.studentID))
                }, backHref: Site.contactBook()))
    }

    @Sendable func conversation(req: Request) async throws -> Response {
        try await renderConversation(req, try req.pathValue(StudentID.self), caller: try req.caller())
    }

    @Sendable func write(req: Request) async throws -> Response {
        let id = try req.pathValue(StudentID.self)
        let caller = try req.caller()
        let form = try req.content.decode(ContactPages.MessageForm.self)
        do {
            let upload = form.attachment.flatMap { file in
                file.data.readableBytes > 0 ? AttachmentUpload(bytes: Array(file.data.readableBytesView), filename: file.filename) : nil
            }
            try await req.domain.contact.write(form.body ?? "", about: id, attachment: upload, by: caller)
        } catch let problems as FieldProblems {
            return try await renderConversation(
                req, id, caller: caller, form: FormState(values: ["body": form.body ?? ""], problems: problems),
                status: .unprocessableEntity)
        }
        let target = caller.isParent ? Site.familyConversation(id) : Site.conversation(id)
        return req.redirect(to: target, flash: "Đã gửi tin nhắn.")
    }

    /// The conversation about one child, for the school or for the family (the same page, its own links).
    func renderConversation(
        _ req: Request, _ id: StudentID, caller: Caller, form: FormState = FormState(), status: HTTPStatus = .ok
    ) async throws -> Response {
        let contact = req.domain.contact
        let thread = try await contact.conversation(id, by: caller)
        let family = caller.isParent
        let homeroom = caller.grants.homeroomClasses
        var showRules = false
        if !family { showRules = try await !contact.hasWritten(by: caller) }
        let page = ContactPages.ConversationPage(
            layout: req.layout("Trao đổi về \(thread.pupilName)", active: family ? Site.familyHome() : Site.contactBook()),
            pupil: thread.pupilName, className: thread.className,
            messages: thread.messages.map { ContactPages.MessageLine($0, viewerIsFamily: family) },
            action: family ? Site.familyConversation(id) : Site.conversation(id), draftKey: "tin-nhan-\(id)", form: form,
            backHref: family ? Site.familyChild(id) : Site.contactBook(),
            backLabel: family ? "← \(thread.pupilName)" : "← Sổ liên lạc", forFamily: family,
            oversight: !family && caller.may(.controlAssessment) && homeroom.isEmpty, rules: ContactPages.rules,
            showRules: showRules, reportAction: family && thread.messages.contains { !$0.fromFamily } ? Site.familyReportMessage(id) : nil)
        return try await req.render("contact/conversation", page, status: status)
    }
}
