/// Hashes and checks passwords. The web layer supplies bcrypt running on a thread pool, off the event loop.
public protocol PasswordHasher: Sendable {
    /// A new salted hash of `password`.
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) async throws -> Bool
}

/// The password rules staff accounts follow.
public enum PasswordPolicy {
    /// Minimum length; long passphrases beat composition rules.
    public static let minimumLength = 10

    /// Problems with a new password, reported against `field`.
    public static func check(_ password: String, confirmation: String?, field: String = "password", into problems: inout FieldProblems) {
        if password.count < minimumLength {
            problems.add(field, "Mật khẩu cần ít nhất \(minimumLength) ký tự.")
        } else if password.count > 200 {
            problems.add(field, "Mật khẩu quá dài (tối đa 200 ký tự).")
        }
        if let confirmation, confirmation != password {
            problems.add("\(field)Confirmation", "Mật khẩu nhập lại không khớp.")
        }
    }
}
