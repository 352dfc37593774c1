import Admissions
import Fluent
import FluentSQLiteDriver
import Records
import Vapor

/// An error shown to a person as a Vietnamese page with a status.
struct PageError: Error {
    let status: HTTPResponseStatus
    let heading: String
    let message: String
    var headers: HTTPHeaders = [:]
}

extension PageError {
    /// A file too large to take: what to do next, and that what was typed is not lost (the browser keeps a copy).
    static let fileTooLarge = PageError(
        status: .payloadTooLarge, heading: "Tệp quá lớn",
        message: "Mỗi tệp tối đa 5 MB. Những gì đã nhập vẫn được giữ trên máy này: bấm quay lại, chọn ảnh nhỏ hơn "
            + "(hoặc chụp lại ở chế độ ảnh thường, không phải ảnh chất lượng cao) rồi tải lên lần nữa.")
    /// A form far larger than any form hoso has.
    static let formTooLarge = PageError(
        status: .payloadTooLarge, heading: "Dữ liệu gửi lên quá lớn",
        message: "Nội dung gửi lên vượt quá giới hạn cho phép. Vui lòng quay lại, rút gọn nội dung và gửi lại.")
}

/// Turns every error into a Vietnamese page: business‑rule errors into their status and message, anything
/// unexpected into a logged 500 that shows no internals.
struct PageErrorMiddleware: Middleware {
    struct ErrorPage: Encodable {
        let layout: Layout
        let status: Int
        let heading: String
        let message: String
        /// Where the page's one button leads: a family goes back to the portal or their own pages, never to the
        /// staff login.
        let back: String
        let backLabel: String
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapError { error in
            if let abort = error as? any AbortError, abort.status == .seeOther || abort.status == .found {
                let location = abort.headers.first(name: .location) ?? Site.home()
                return request.eventLoop.makeSucceededFuture(request.redirect(to: location, redirectType: .normal))
            }
            let page = Self.page(for: error, request: request)
            if page.status == .internalServerError {
                request.logger.report(error: error)
            }
            return request.eventLoop.makeFutureWithTask { try await Self.render(page, request: request) }
        }
    }

    static func page(for error: any Error, request: Request) -> PageError {
        switch error {
        case let page as PageError:
            return page
        case let records as RecordsError:
            return page(for: records)
        case let admissions as AdmissionsError:
            return page(for: admissions)
        case let register as RegisterError:
            return PageError(status: .conflict, heading: "Sổ đăng bộ", message: register.message)
        case is FieldProblems:
            return PageError(
                status: .unprocessableEntity, heading: "Dữ liệu chưa hợp lệ",
                message: "Vui lòng quay lại, kiểm tra và gửi lại biểu mẫu.")
        case let abort as any AbortError:
            switch abort.status {
            case .notFound: return notFound
            case .forbidden where abort.reason == PortalController.staffRefusal:
                return PageError(status: .forbidden, heading: "Cổng này dành cho phụ huynh", message: abort.reason)
            case .forbidden: return forbidden
            case .payloadTooLarge:
                return request.headers.contentType?.type == "multipart" ? .fileTooLarge : .formTooLarge
            case .badRequest, .unprocessableEntity, .unsupportedMediaType:
                return PageError(
                    status: abort.status, heading: "Yêu cầu không hợp lệ",
                    message: "Dữ liệu gửi lên không đúng định dạng. Vui lòng tải lại trang và thử lại.")
            case .methodNotAllowed:
                return PageError(
                    status: .methodNotAllowed, heading: "Thao tác không được hỗ trợ", message: "Vui lòng quay lại trang trước.")
            default:
                return abort.status.code < 500
                    ? PageError(status: abort.status, heading: "Không thực hiện được", message: "Vui lòng quay lại trang trước và thử lại.")
                    : serverError
            }
        case let sqlite as SQLiteError where [.busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot].contains(sqlite.reason):
            return busy
        case is ConnectionPoolTimeoutError:
            return busy
        case is DecodingError:
            return PageError(
                status: .badRequest, heading: "Yêu cầu không hợp lệ",
                message: "Dữ liệu gửi lên không đúng định dạng. Vui lòng tải lại trang và thử lại.")
        default:
            return serverError
        }
    }

    static func page(for error: RecordsError) -> PageError {
        switch error {
        case .forbidden: return forbidden
        case .notFound: return notFound
        case .alreadySetUp:
            return PageError(status: .conflict, heading: "Trường đã được thiết lập", message: "Vui lòng đăng nhập để tiếp tục.")
        case .notSetUp:
            return PageError(status: .conflict, heading: "Chưa thiết lập trường", message: "Vui lòng hoàn tất thiết lập lần đầu.")
        case .invalidCredentials:
            return PageError(
                status: .unauthorized, heading: "Đăng nhập không thành công", message: "Tên đăng nhập hoặc mật khẩu không đúng.")
        case .accountDisabled:
            return PageError(status: .forbidden, heading: "Tài khoản đã bị khoá", message: "Vui lòng liên hệ ban quản trị nhà trường.")
        case .throttled(let until):
            return PageError(
                status: .tooManyRequests, heading: "Tạm khoá do thử quá nhiều lần",
                message: ThrottleMessage.text(until: until),
                headers: ["Retry-After": ThrottleMessage.retryAfter(until: until)])
        case .invalidSecondFactor:
            return PageError(status: .unauthorized, heading: "Mã xác thực không đúng", message: "Vui lòng thử lại.")
        case .staleEdit:
            return PageError(
                status: .conflict, heading: "Dữ liệu đã được người khác sửa",
                message: "Trong lúc bạn sửa, một người khác đã lưu thay đổi. Vui lòng tải lại trang, xem lại và sửa lại.")
        case .duplicate:
            return PageError(status: .conflict, heading: "Dữ liệu bị trùng", message: "Giá trị này đã được dùng.")
        }
    }

    static func page(for error: AdmissionsError) -> PageError {
        switch error {
        case .windowClosed:
            return PageError(
                status: .conflict, heading: "Ngoài thời gian đăng ký",
                message: "Cổng đăng ký trực tuyến chỉ nhận hồ sơ trong thời gian nhà trường công bố. Hồ sơ chưa bị thay đổi.")
        case .noMatch:
            return PageError(status: .unprocessableEntity, heading: "Không khớp", message: "Mã số hoặc ngày sinh không khớp.")
        case .alreadySubmitted:
            return PageError(
                status: .conflict, heading: "Hồ sơ đã nộp",
                message: "Hồ sơ đã nộp không lưu nháp được; hãy sửa rồi bấm “Nộp hồ sơ” để cập nhật.")
        }
    }

    /// The database could not take the change in time: nothing was written, the person should simply try again.
    static let busy = PageError(
        status: .serviceUnavailable, heading: "Hệ thống đang bận",
        message: "Có rất nhiều người đang gửi cùng lúc nên yêu cầu của bạn chưa được xử lý và chưa có gì được lưu. "
            + "Vui lòng thử lại sau 5 giây.", headers: ["Retry-After": "5"])
    static let forbidden = PageError(
        status: .forbidden, heading: "Không có quyền truy cập",
        message: "Tài khoản của bạn không có quyền xem hoặc thực hiện thao tác này.")
    static let notFound = PageError(
        status: .notFound, heading: "Không tìm thấy trang",
        message: "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.")
    static let serverError = PageError(
        status: .internalServerError, heading: "Đã có lỗi xảy ra",
        message: "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu của bạn chưa bị thay đổi. Vui lòng thử lại sau ít phút.")

    static func render(_ page: PageError, request: Request) async throws -> Response {
        let path = request.url.path
        let (back, backLabel) =
            path.hasPrefix(Site.portal())
            ? (Site.portal(), "Về trang tuyển sinh")
            : path.hasPrefix(Site.familyHome()) ? (Site.familyHome(), "Về trang phụ huynh") : (Site.home(), "Về trang chủ")
        let model = ErrorPage(
            layout: request.layout(page.heading), status: Int(page.status.code),
            heading: page.heading, message: page.message, back: back, backLabel: backLabel)
        let response: Response
        do {
            response = try await request.view.render("errors/error", model).encodeResponse(for: request)
        } catch {
            request.logger.report(error: error)
            response = Response(status: page.status, body: .init(string: "\(page.status.code) \(page.heading)"))
            response.headers.contentType = .plainText
        }
        response.status = page.status
        for (name, value) in page.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}
