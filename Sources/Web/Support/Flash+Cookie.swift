import Foundation
import Records
import Vapor

private let flashCookie = "hoso_flash"

extension Request {
    /// Reads and forgets the flash set by the previous response.
    func takeFlash() -> Flash? {
        if let taken = storage[FlashTakenKey.self] { return taken }
        guard let value = cookies[flashCookie]?.string, let data = Data(base64Encoded: value),
            let flash = try? JSONDecoder().decode(Flash.self, from: data)
        else { return nil }
        storage[FlashTakenKey.self] = flash
        return flash
    }

    /// A 303 redirect carrying a flash message to the next page.
    func redirect(to path: String, flash message: String, kind: Flash.Kind = .success) -> Response {
        let response = redirect(to: path, redirectType: .normal)
        if let data = try? JSONEncoder().encode(Flash(kind: kind, message: message)) {
            response.cookies[flashCookie] = HTTPCookies.Value(
                string: data.base64EncodedString(), maxAge: 60, path: "/", isSecure: application.config.secureCookies,
                isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}

extension Request {
    /// Runs `work` and redirects to `path` with `done`, or — when it is refused — with the refusal's first message as
    /// an error: the shape of the small one-button forms (done, approve, release).
    func redirect(to path: String, done: String, _ work: () async throws -> Void) async throws -> Response {
        do {
            try await work()
            return redirect(to: path, flash: done)
        } catch let problems as FieldProblems {
            return redirect(to: path, flash: problems.list.first?.message ?? "", kind: .error)
        }
    }
}

struct FlashTakenKey: StorageKey { typealias Value = Flash }

/// Clears a flash cookie once a page has shown it.
struct FlashClearing {
    static func clear(_ request: Request, _ response: Response) {
        if request.storage[FlashTakenKey.self] != nil, response.cookies[flashCookie] == nil {
            response.cookies[flashCookie] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                isSecure: request.application.config.secureCookies,
                isHTTPOnly: true, sameSite: .lax)
        }
    }
}
