import Documents
import Records
import Vapor

/// The school's keys ("Chữ ký số"): the principal makes the school's trial CA and seal, or installs a licensed seal;
/// the principal or the admin board issues a trial certificate (.p12) to a member of staff, handed out once and
/// never kept. The trial CA's certificate is public, to import as trusted in a PDF reader.
struct SigningController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.signing, use: show)
        routes.post(Site.signingTrialCA, use: makeTrialCA)
        routes.post(Site.signingSeal, body: .collect(maxSize: "1mb"), use: installSeal)
        routes.post(Site.signingIssue, use: issue)
        routes.get(Site.trustedCertificate, use: certificate)
    }

    struct Person: Encodable {
        let name: String
        let selected: Bool
    }

    struct Page: Encodable {
        let layout: Layout
        let authority: String?
        let seal: String?
        let sealSince: String?
        let mayControl: Bool
        let people: [Person]
        let form: FormState
        let links: Links

        struct Links: Encodable {
            let trialCA: String
            let seal: String
            let issue: String
            let certificate: String
        }
    }

    func page(_ req: Request, form: FormState = FormState(), status: HTTPStatus = .ok) async throws -> Response {
        let caller = try req.caller()
        let summary = try await req.domain.keys.summary(by: caller)
        let chosen = form.values["name"] ?? ""
        let people = try await req.domain.accounts.list(by: caller).filter { $0.kind == .staff && !$0.isDisabled }.map {
            Person(name: $0.name.full, selected: $0.name.full == chosen)
        }
        return try await req.render(
            "admin/signing",
            Page(
                layout: req.layout("Chữ ký số", active: Site.schoolProfile()), authority: summary.authority, seal: summary.seal,
                sealSince: summary.sealSince.map(Timestamps.display), mayControl: caller.may(.controlAssessment), people: people,
                form: form,
                links: .init(
                    trialCA: Site.signingTrialCA(), seal: Site.signingSeal(), issue: Site.signingIssue(),
                    certificate: Site.trustedCertificate())),
            status: status)
    }

    @Sendable func show(req: Request) async throws -> Response { try await page(req) }

    @Sendable func makeTrialCA(req: Request) async throws -> Response {
        try await req.redirect(to: Site.signing(), done: "Đã tạo CA thử nghiệm và con dấu số của trường.") {
            try await req.domain.keys.makeTrialAuthority(by: req.caller())
        }
    }

    @Sendable func installSeal(req: Request) async throws -> Response {
        let file = try? req.content.get(File.self, at: "file")
        let passphrase = (try? req.content.get(String.self, at: "passphrase")) ?? ""
        return try await req.redirect(to: Site.signing(), done: "Đã cài con dấu số của trường.") {
            guard let file, file.data.readableBytes > 0 else { throw FieldProblems("file", "Chọn tệp con dấu số (.p12 hoặc .pfx).") }
            try await req.domain.keys.installSeal(pkcs12: Array(file.data.readableBytesView), passphrase: passphrase, by: req.caller())
        }
    }

    /// The .p12 for the chosen person, as a download; the form again with the message next to the field when refused.
    @Sendable func issue(req: Request) async throws -> Response {
        let values = try req.content.decode([String: String].self)
        let name = values["name"] ?? ""
        let passphrase = values["passphrase"] ?? ""
        do {
            if passphrase != values["confirm"] ?? "" { throw FieldProblems("confirm", "Hai lần nhập mật khẩu không khớp.") }
            let p12 = try await req.domain.keys.issueTrialCertificate(for: name, passphrase: passphrase, by: req.caller())
            let response = Response(status: .ok, body: .init(data: Data(p12)))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "x-pkcs12")
            let slug = VietnameseText.foldKey(name).split(separator: " ").joined(separator: "-")
            response.headers.contentDisposition = .init(.attachment, filename: "chung-thu-thu-nghiem-\(slug).p12")
            response.headers.cacheControl = .init(noStore: true)
            return response
        } catch let problems as FieldProblems {
            return try await page(req, form: FormState(values: ["name": name], problems: problems), status: .unprocessableEntity)
        }
    }

    /// The trial CA's certificate (PEM), public.
    @Sendable func certificate(req: Request) async throws -> Response {
        guard let pem = try await req.domain.keys.authorityPEM() else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(string: pem))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "x-pem-file")
        response.headers.contentDisposition = .init(.attachment, filename: "chung-thu-goc-thu-nghiem.pem")
        return response
    }
}
