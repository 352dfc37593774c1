import Foundation

extension AppConfig {
    /// The SMS gateway, when `HOSO_SMS_URL` is set: its keys and brandname are then required.
    static func sms(_ env: [String: String]) throws -> SMSChannel.Settings? {
        guard let url = try gatewayURL(env, "HOSO_SMS_URL") else { return nil }
        return SMSChannel.Settings(
            url: url, apiKey: try required(env, "HOSO_SMS_API_KEY", for: "HOSO_SMS_URL"),
            secretKey: try required(env, "HOSO_SMS_SECRET_KEY", for: "HOSO_SMS_URL"),
            brandname: try required(env, "HOSO_SMS_BRANDNAME", for: "HOSO_SMS_URL"),
            cost: try number(env, "HOSO_SMS_COST", default: 800, in: 0...100_000))
    }

    /// Zalo ZNS, when `HOSO_ZALO_ACCESS_TOKEN` is set: a template is then required.
    static func zalo(_ env: [String: String]) throws -> ZaloChannel.Settings? {
        guard let token = env["HOSO_ZALO_ACCESS_TOKEN"], !token.isEmpty else { return nil }
        return ZaloChannel.Settings(
            url: try gatewayURL(env, "HOSO_ZALO_URL") ?? "https://business.openapi.zalo.me/message/template", accessToken: token,
            templateID: try required(env, "HOSO_ZALO_TEMPLATE_ID", for: "HOSO_ZALO_ACCESS_TOKEN"),
            parameter: env["HOSO_ZALO_PARAM"].flatMap { $0.isEmpty ? nil : $0 } ?? "noi_dung",
            cost: try number(env, "HOSO_ZALO_COST", default: 300, in: 0...100_000))
    }

    private static func gatewayURL(_ env: [String: String], _ variable: String) throws -> String? {
        guard let url = env[variable], !url.isEmpty else { return nil }
        guard url.lowercased().hasPrefix("https://") else { throw Invalid(variable: variable, problem: "must be an https:// address") }
        return url
    }

    private static func required(_ env: [String: String], _ variable: String, for main: String) throws -> String {
        guard let value = env[variable], !value.isEmpty else {
            throw Invalid(variable: variable, problem: "is required when \(main) is set")
        }
        return value
    }
}
