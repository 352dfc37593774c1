import Foundation

/// Vietnam's two‑level administrative units in force since 1 July 2025 (34 provinces, 3,321 communes/wards),
/// read once from the bundled official list.
public struct AdminUnits: Sendable {
    /// A province or centrally‑run city.
    public struct Province: Sendable, Equatable, Codable {
        public let code: String
        public let name: String
    }

    /// A commune, ward or special zone.
    public struct Ward: Sendable, Equatable, Codable {
        public let code: String
        public let name: String
        public let provinceCode: String
    }

    public let provinces: [Province]
    let wardsByProvince: [String: [Ward]]
    let wardsByCode: [String: Ward]

    /// The bundled list, loaded on first use.
    public static let shared: AdminUnits = {
        guard
            let url = Bundle.module.url(forResource: "vn-admin-units-2025", withExtension: "csv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "vn-admin-units-2025", withExtension: "csv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return AdminUnits(csv: "") }
        return AdminUnits(csv: text)
    }()

    /// Parses the CSV `province_code,province_name,province_type,ward_code,ward_name,ward_type`; codes are zero‑padded.
    public init(csv: String) {
        var provinces: [Province] = []
        var seen = Set<String>()
        var wards: [String: [Ward]] = [:]
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5, let p = Int(fields[0]), let w = Int(fields[3]) else { continue }
            let provinceCode = String(format: "%02d", p)
            if seen.insert(provinceCode).inserted {
                provinces.append(Province(code: provinceCode, name: VietnameseText.clean(fields[1])))
            }
            wards[provinceCode, default: []].append(
                Ward(code: String(format: "%05d", w), name: VietnameseText.clean(fields[4]), provinceCode: provinceCode))
        }
        self.provinces = provinces
        self.wardsByProvince = wards
        self.wardsByCode = Dictionary(wards.values.flatMap { $0 }.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The communes and wards of a province, in list order.
    public func wards(of provinceCode: String) -> [Ward] { wardsByProvince[provinceCode] ?? [] }

    /// A province by code.
    public func province(_ code: String) -> Province? { provinces.first { $0.code == code } }

    /// A commune or ward by code.
    public func ward(_ code: String) -> Ward? { wardsByCode[code] }
}
