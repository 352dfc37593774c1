import Foundation

/// Why an allocation cannot be computed from its inputs: each is a mistake someone must fix before the draw.
public enum AllocationError: Error, Sendable, Equatable {
    /// The number of places is below zero.
    case negativePlaces(Int)
    /// Two applicants carry the same application number: their rank values would be equal and one child could
    /// take the other's line on the list.
    case duplicateApplicationNumber(String)
    /// An applicant has an empty application number, which cannot be published or ranked.
    case emptyApplicationNumber
    /// The campaign lists the same group code twice, so its priority order is ambiguous.
    case duplicateGroupCode(String)
    /// The public value is empty: the seed would then depend only on the campaign, and so be known in advance.
    case emptyPublicValue
    /// The campaign identifier is empty.
    case emptyCampaignIdentifier
}

/// Xét tuyển: who of the verified applicants gets a place, and the waitlist in order (TT28 Art. 35).
///
/// The rule, in order:
/// 1. Every applicant of a *guaranteed* group (children living in the catchment of a public school) is admitted,
///    even beyond the places; the excess is reported as `AllocationResult.overflow`, never cut.
/// 2. The remaining places, if any, go to the other groups in the campaign's priority order, then to applicants
///    with no group (or a code the campaign does not have). Inside the group that does not fit entirely, the
///    public lottery (`Lottery`) decides: lower rank value first.
/// 3. Everyone else is waitlisted in that same order: group order, then rank value.
///
/// Guaranteed groups come before the others whatever their place in the campaign's list, since "all admitted"
/// leaves them no other place; among themselves, and among the others, the campaign's order holds.
public enum Allocation {
    /// Allocates `places` among `applicants`.
    ///
    /// Group codes are matched exactly as written; an empty or blank code counts as no group. The result depends on
    /// the inputs alone (not on the order of `applicants`), so anyone with the same inputs gets the same list.
    ///
    /// - Parameters:
    ///   - places: the campaign's places (chỉ tiêu), zero or more.
    ///   - groups: the campaign's priority groups, highest priority first.
    ///   - applicants: the verified applications.
    ///   - publicValue: the announced public value, as typed by the chair (see `Lottery.seed`).
    ///   - campaign: the announced campaign identifier.
    /// - Throws: `AllocationError` when the inputs are contradictory or incomplete.
    public static func allocate(
        places: Int, groups: [PriorityGroup], applicants: [Applicant], publicValue: String, campaign: String
    ) throws(AllocationError) -> AllocationResult {
        guard places >= 0 else { throw .negativePlaces(places) }
        let publicValue = Lottery.normalise(publicValue)
        let campaign = Lottery.normalise(campaign)
        guard !publicValue.isEmpty else { throw .emptyPublicValue }
        guard !campaign.isEmpty else { throw .emptyCampaignIdentifier }
        try checkUnique(groups: groups, applicants: applicants)

        let seed = Lottery.seed(publicValue: publicValue, campaign: campaign)
        let order = groups.filter(\.guaranteed) + groups.filter { !$0.guaranteed }
        let tierOf = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.code, $0) })
        let guaranteedTiers = order.count { $0.guaranteed }
        let noGroupTier = order.count

        let ranked = applicants.map { applicant in
            let code = applicant.group.flatMap { isBlank($0) ? nil : $0 }
            let tier = code.flatMap { tierOf[$0] } ?? noGroupTier
            return Ranked(
                number: applicant.number, group: tier == noGroupTier ? nil : code, tier: tier,
                rank: Lottery.rank(seed: seed, applicationNumber: applicant.number))
        }.sorted(by: Ranked.precedes)

        // Guaranteed tiers sort first, so taking a prefix admits all of them, then fills what is left in order.
        let guaranteed = ranked.count { $0.tier < guaranteedTiers }
        let admittedCount = max(guaranteed, min(ranked.count, places))
        let unknown = Set(applicants.compactMap(\.group).filter { !isBlank($0) && tierOf[$0] == nil })

        return AllocationResult(
            places: places, publicValue: publicValue, campaign: campaign, seed: seed,
            admitted: placements(ranked[..<admittedCount]),
            waitlist: placements(ranked[admittedCount...]),
            lotteryUsed: admittedCount < ranked.count,
            overflow: max(0, guaranteed - places),
            unknownGroupCodes: unknown.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
    }

    private static func checkUnique(groups: [PriorityGroup], applicants: [Applicant]) throws(AllocationError) {
        var codes = Set<String>()
        for group in groups where !codes.insert(group.code).inserted {
            throw .duplicateGroupCode(group.code)
        }
        var numbers = Set<String>()
        for applicant in applicants {
            guard !isBlank(applicant.number) else { throw .emptyApplicationNumber }
            guard numbers.insert(applicant.number).inserted else { throw .duplicateApplicationNumber(applicant.number) }
        }
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    private static func placements(_ slice: ArraySlice<Ranked>) -> [Placement] {
        slice.enumerated().map { Placement(number: $1.number, group: $1.group, rank: $1.rank, position: $0 + 1) }
    }

    /// An applicant with its place in the priority order and its rank value.
    private struct Ranked {
        let number: String
        let group: String?
        let tier: Int
        let rank: String

        /// Priority tier first, then the draw: the one order both lists follow.
        static func precedes(_ a: Ranked, _ b: Ranked) -> Bool {
            if a.tier != b.tier { return a.tier < b.tier }
            return Lottery.precedes(rank: a.rank, number: a.number, rank: b.rank, number: b.number)
        }
    }
}
