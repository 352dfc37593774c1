import Foundation

/// One way a published list differs from the list recomputed from its inputs.
public enum AllocationDifference: Sendable, Hashable, CustomStringConvertible {
    /// Which list a child is on.
    public enum List: String, Sendable, Hashable, Codable {
        /// Trúng tuyển.
        case admitted
        /// Danh sách chờ.
        case waitlist
    }

    /// A child's line: the list and the 1‑based position in it.
    public struct Spot: Sendable, Hashable {
        /// The list.
        public var list: List
        /// The position in it.
        public var position: Int

        /// A spot on a list.
        public init(_ list: List, _ position: Int) {
            self.list = list
            self.position = position
        }
    }

    /// The published number of places differs.
    case places(published: Int, expected: Int)
    /// The published public value differs from the one given for the check.
    case publicValue(published: String, expected: String)
    /// The published campaign identifier differs from the one given for the check.
    case campaign(published: String, expected: String)
    /// The published seed is not the hash of the public value and campaign.
    case seed(published: String, expected: String)
    /// The list says the lottery was (not) used where the recomputation says otherwise.
    case lotteryUsed(published: Bool, expected: Bool)
    /// The published overflow of guaranteed groups differs.
    case overflow(published: Int, expected: Int)
    /// The published list of unknown group codes differs.
    case unknownGroupCodes(published: [String], expected: [String])
    /// A verified applicant is on neither published list.
    case missing(number: String, expected: Spot)
    /// The published list names an application that is not among the verified applicants.
    case unexpected(number: String, published: Spot)
    /// The published lists name an application more than once.
    case listedTwice(number: String)
    /// A child is on another list or at another position than the recomputation puts them.
    case placement(number: String, published: Spot, expected: Spot)
    /// A child's published group differs.
    case group(number: String, published: String?, expected: String?)
    /// A child's published rank value is not the hash of the seed and the application number.
    case rank(number: String, published: String, expected: String)

    /// The difference in Vietnamese, for the person re‑checking the list.
    public var description: String {
        switch self {
        case .places(let published, let expected):
            "Chỉ tiêu: danh sách công bố ghi \(published), tính lại là \(expected)."
        case .publicValue(let published, let expected):
            "Giá trị công khai: danh sách công bố ghi «\(published)», tính lại dùng «\(expected)»."
        case .campaign(let published, let expected):
            "Mã đợt tuyển sinh: danh sách công bố ghi «\(published)», tính lại dùng «\(expected)»."
        case .seed(let published, let expected):
            "Hạt giống bốc thăm (seed): danh sách công bố ghi \(published), tính lại được \(expected)."
        case .lotteryUsed(let published, let expected):
            "Danh sách công bố ghi \(published ? "có" : "không") bốc thăm; tính lại thì \(expected ? "có" : "không")."
        case .overflow(let published, let expected):
            "Số trẻ diện bảo đảm vượt chỉ tiêu: danh sách công bố ghi \(published), tính lại là \(expected)."
        case .unknownGroupCodes(let published, let expected):
            "Mã nhóm ưu tiên không có trong đợt tuyển sinh: danh sách công bố ghi \(Self.codes(published)), "
                + "tính lại là \(Self.codes(expected))."
        case .missing(let number, let expected):
            "Hồ sơ \(number) không có trong danh sách công bố; tính lại: \(Self.spot(expected))."
        case .unexpected(let number, let published):
            "Hồ sơ \(number) có trong danh sách công bố (\(Self.spot(published))) nhưng không có trong các hồ sơ đã xác minh."
        case .listedTwice(let number):
            "Hồ sơ \(number) xuất hiện nhiều lần trong danh sách công bố."
        case .placement(let number, let published, let expected):
            "Hồ sơ \(number): danh sách công bố ghi \(Self.spot(published)); tính lại: \(Self.spot(expected))."
        case .group(let number, let published, let expected):
            "Hồ sơ \(number): nhóm ưu tiên công bố là \(Self.group(published)), tính lại là \(Self.group(expected))."
        case .rank(let number, let published, let expected):
            "Hồ sơ \(number): giá trị bốc thăm công bố là \(published), tính lại được \(expected)."
        }
    }

    private static func spot(_ spot: Spot) -> String {
        (spot.list == .admitted ? "trúng tuyển" : "danh sách chờ") + ", số thứ tự \(spot.position)"
    }

    private static func group(_ code: String?) -> String { code ?? "không thuộc nhóm nào" }

    private static func codes(_ codes: [String]) -> String { codes.isEmpty ? "không có" : codes.joined(separator: ", ") }
}

extension Allocation {
    /// Recomputes the allocation from its inputs and lists, in Vietnamese, every way `published` differs from it;
    /// an empty list means the published list is exactly what the rule and the lottery give.
    ///
    /// This is what `hoso` runs to re‑check a published list; the inputs are the ones a reader can obtain
    /// independently (places, the campaign's groups, the verified applicants, the public value they saw announced).
    ///
    /// - Throws: `AllocationError` when the inputs themselves are invalid, so nothing can be recomputed.
    public static func verify(
        published: AllocationResult, places: Int, groups: [PriorityGroup], applicants: [Applicant],
        publicValue: String, campaign: String
    ) throws(AllocationError) -> [String] {
        let expected = try allocate(
            places: places, groups: groups, applicants: applicants, publicValue: publicValue, campaign: campaign)
        return published.differences(from: expected).map(\.description)
    }
}

extension AllocationResult {
    /// Every way this (published) result differs from `expected`, in a stable order: the header fields, then each
    /// expected child in list order, then the names the published list has in excess.
    public func differences(from expected: AllocationResult) -> [AllocationDifference] {
        var found: [AllocationDifference] = []
        if places != expected.places { found.append(.places(published: places, expected: expected.places)) }
        if publicValue != expected.publicValue {
            found.append(.publicValue(published: publicValue, expected: expected.publicValue))
        }
        if campaign != expected.campaign { found.append(.campaign(published: campaign, expected: expected.campaign)) }
        if seed != expected.seed { found.append(.seed(published: seed, expected: expected.seed)) }
        if lotteryUsed != expected.lotteryUsed {
            found.append(.lotteryUsed(published: lotteryUsed, expected: expected.lotteryUsed))
        }
        if overflow != expected.overflow { found.append(.overflow(published: overflow, expected: expected.overflow)) }
        if unknownGroupCodes != expected.unknownGroupCodes {
            found.append(.unknownGroupCodes(published: unknownGroupCodes, expected: expected.unknownGroupCodes))
        }

        let publishedLines = lines
        var firstSeen: [String: (Spot, Placement)] = [:]
        var reportedTwice = Set<String>()
        for (spot, line) in publishedLines {
            if firstSeen[line.number] == nil {
                firstSeen[line.number] = (spot, line)
            } else if reportedTwice.insert(line.number).inserted {
                found.append(.listedTwice(number: line.number))
            }
        }

        let expectedLines = expected.lines
        for (spot, line) in expectedLines {
            guard let (publishedSpot, publishedLine) = firstSeen[line.number] else {
                found.append(.missing(number: line.number, expected: spot))
                continue
            }
            if publishedSpot != spot { found.append(.placement(number: line.number, published: publishedSpot, expected: spot)) }
            if publishedLine.group != line.group {
                found.append(.group(number: line.number, published: publishedLine.group, expected: line.group))
            }
            if publishedLine.rank != line.rank {
                found.append(.rank(number: line.number, published: publishedLine.rank, expected: line.rank))
            }
        }

        let expectedNumbers = Set(expectedLines.map(\.1.number))
        var reportedUnexpected = Set<String>()
        for (spot, line) in publishedLines
        where !expectedNumbers.contains(line.number) && reportedUnexpected.insert(line.number).inserted {
            found.append(.unexpected(number: line.number, published: spot))
        }
        return found
    }

    private typealias Spot = AllocationDifference.Spot

    /// Both lists as (list, printed position) and line, admitted first: the position is the one printed on the
    /// line, not its index, because the printed number is what parents read.
    private var lines: [(Spot, Placement)] {
        admitted.map { (Spot(.admitted, $0.position), $0) } + waitlist.map { (Spot(.waitlist, $0.position), $0) }
    }
}
