import Foundation

/// One verified application going into the allocation.
public struct Applicant: Sendable, Hashable, Codable {
    /// The application number as printed on the list, such as `2027-00042`; it is what the rank value hashes.
    public var number: String
    /// Code of the highest‑priority group the council verified for this child; `nil` means none, and comes after
    /// every group of the campaign.
    public var group: String?

    /// An applicant with its number and verified group.
    public init(number: String, group: String?) {
        self.number = number
        self.group = group
    }
}

/// One line of the published list: an admitted child (trúng tuyển) or one on the waitlist (danh sách chờ).
public struct Placement: Sendable, Hashable, Codable {
    /// The application number.
    public var number: String
    /// The priority group the allocation applied: the campaign's group code, or `nil` for none (including a code
    /// the campaign does not have — see `AllocationResult.unknownGroupCodes`).
    public var group: String?
    /// The lottery rank value (64 lowercase hex digits), shown for every child so anyone can recompute it, even
    /// where the lottery decided nothing.
    public var rank: String
    /// 1‑based place in its list.
    public var position: Int

    /// A line of the list.
    public init(number: String, group: String?, rank: String, position: Int) {
        self.number = number
        self.group = group
        self.rank = rank
        self.position = position
    }
}

/// Kết quả xét tuyển: who is admitted and the waitlist in order, with everything needed to re‑check it.
///
/// The whole value follows from the inputs of `Allocation.allocate`; nothing random or time‑dependent is in it,
/// so it can be published as is and recomputed by `Allocation.verify`.
public struct AllocationResult: Sendable, Hashable, Codable {
    /// The places of the campaign the allocation filled.
    public var places: Int
    /// The public value as hashed (see `Lottery.normalise`).
    public var publicValue: String
    /// The campaign identifier as hashed.
    public var campaign: String
    /// The lottery seed, `Lottery.seed(publicValue:campaign:)`.
    public var seed: String
    /// Admitted children: guaranteed groups in group order, then the other groups in priority order, each group in
    /// lottery order; positions 1…n.
    public var admitted: [Placement]
    /// Children not admitted, in the order they move up: group order, then lottery order; positions 1…n.
    public var waitlist: [Placement]
    /// Whether the lottery decided anything: who of a group that did not fit got a place, and the waitlist order.
    /// `false` exactly when every verified applicant was admitted.
    public var lotteryUsed: Bool
    /// How many children of guaranteed groups are admitted beyond the places (0 when they fit).
    ///
    /// They are admitted all the same — the right to study near home is not cut by hoso — and the approving
    /// authority is told so that it can re‑route children or add places.
    public var overflow: Int
    /// Group codes given for applicants that the campaign does not have, sorted; those applicants were treated as
    /// having no group. Non‑empty means the review data and the campaign disagree and someone should look.
    public var unknownGroupCodes: [String]

    /// A result, as decoded from a published list or built by `Allocation.allocate`.
    public init(
        places: Int, publicValue: String, campaign: String, seed: String, admitted: [Placement], waitlist: [Placement],
        lotteryUsed: Bool, overflow: Int, unknownGroupCodes: [String]
    ) {
        self.places = places
        self.publicValue = publicValue
        self.campaign = campaign
        self.seed = seed
        self.admitted = admitted
        self.waitlist = waitlist
        self.lotteryUsed = lotteryUsed
        self.overflow = overflow
        self.unknownGroupCodes = unknownGroupCodes
    }

    /// Whether guaranteed groups alone need more than the places: the case to report to the approving authority.
    public var isOversubscribedByGuaranteed: Bool { overflow > 0 }
}
