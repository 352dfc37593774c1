import Foundation
import Records
import Vapor

/// What a person is told when a limit turns them away, and the matching `Retry-After`: one wording and one
/// computation for logins, second-factor codes, the portal's code lookup and the error pages.
enum ThrottleMessage {
    static func minutes(until: Date, now: Date = Date()) -> Int {
        max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
    }

    /// "Too many wrong tries; try again in N minutes (at HH:mm)", with the desk's phone where the caller has one; "too
    /// many tries at once, try again in N seconds" when the wait is a minute or less.
    static func text(until: Date, now: Date = Date(), deskPhone: String = "") -> String {
        // A limit reached only by attempts in flight at once (a crowd behind one carrier address): seconds, not the
        // window.
        if until.timeIntervalSince(now) <= 60 {
            return "Đang có quá nhiều lượt thử cùng lúc từ mạng của bạn. Vui lòng thử lại sau \(retryAfter(until: until, now: now)) giây."
        }
        let clock = String(Timestamps.display(until).suffix(5))
        let wait = "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau \(minutes(until: until, now: now)) phút (lúc \(clock))"
        return wait + (deskPhone.isEmpty ? "." : ", hoặc gọi bàn thường trực tuyển sinh của trường: \(deskPhone).")
    }

    /// The `Retry-After` value: whole seconds until `until`, at least 1.
    static func retryAfter(until: Date, now: Date = Date()) -> String {
        String(max(1, Int(until.timeIntervalSince(now).rounded(.up))))
    }
}

extension Response {
    /// Tells the client when a refused request may be tried again.
    func retry(after until: Date) {
        headers.replaceOrAdd(name: "Retry-After", value: ThrottleMessage.retryAfter(until: until))
    }
}
