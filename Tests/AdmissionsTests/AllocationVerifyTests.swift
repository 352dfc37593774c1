import Admissions
import Foundation
import Testing

/// Re‑checking a published list: what `hoso` will run for a parent or the approving authority.
@Suite struct AllocationVerifyTests {
    typealias F = AllocationFixture
    typealias Spot = AllocationDifference.Spot

    static let applicants =
        F.applicants(2, group: "TT", from: 1) + F.applicants(4, group: "UT1", from: 10)
        + F.applicants(4, group: nil, from: 20)

    static func published() throws -> AllocationResult {
        try F.allocate(places: 5, applicants)
    }

    static func differences(_ published: AllocationResult, applicants: [Applicant] = applicants) throws -> [AllocationDifference] {
        published.differences(from: try F.allocate(places: 5, applicants))
    }

    static func renumbered(_ lines: [Placement]) -> [Placement] {
        lines.enumerated().map { Placement(number: $1.number, group: $1.group, rank: $1.rank, position: $0 + 1) }
    }

    @Test func anUntouchedListVerifies() throws {
        let messages = try Allocation.verify(
            published: Self.published(), places: 5, groups: F.groups, applicants: Self.applicants.reversed(),
            publicValue: "  " + F.publicValue, campaign: F.campaign)
        #expect(messages.isEmpty)
    }

    @Test func aSwappedPairIsFoundOnBothLines() throws {
        var published = try Self.published()
        published.admitted.swapAt(2, 3)
        published.admitted = Self.renumbered(published.admitted)
        let a = published.admitted[2].number
        let b = published.admitted[3].number
        #expect(
            try Self.differences(published) == [
                .placement(number: b, published: Spot(.admitted, 4), expected: Spot(.admitted, 3)),
                .placement(number: a, published: Spot(.admitted, 3), expected: Spot(.admitted, 4)),
            ])
    }

    @Test func aSwapAcrossTheCutIsFound() throws {
        var published = try Self.published()
        let lastIn = published.admitted[4]
        let firstOut = published.waitlist[0]
        published.admitted[4] = Placement(number: firstOut.number, group: firstOut.group, rank: firstOut.rank, position: 5)
        published.waitlist[0] = Placement(number: lastIn.number, group: lastIn.group, rank: lastIn.rank, position: 1)
        #expect(
            try Self.differences(published) == [
                .placement(number: lastIn.number, published: Spot(.waitlist, 1), expected: Spot(.admitted, 5)),
                .placement(number: firstOut.number, published: Spot(.admitted, 5), expected: Spot(.waitlist, 1)),
            ])
    }

    @Test func swappingOnlyTheNumbersAlsoShowsTheRankValuesDoNotMatch() throws {
        var published = try Self.published()
        // Two children of the same group (no group), so only their lines and rank values disagree.
        let first = published.waitlist[1].number
        let second = published.waitlist[2].number
        published.waitlist[1].number = second
        published.waitlist[2].number = first
        let found = try Self.differences(published)
        #expect(found.count == 4)
        #expect(found.contains(.placement(number: first, published: Spot(.waitlist, 3), expected: Spot(.waitlist, 2))))
        #expect(found.contains { if case .rank(first, _, _) = $0 { true } else { false } })
        #expect(found.contains { if case .rank(second, _, _) = $0 { true } else { false } })
    }

    @Test func aRemovedApplicantIsFoundAndEveryoneBelowMovesUp() throws {
        var published = try Self.published()
        let removed = published.waitlist.remove(at: 1)
        published.waitlist = Self.renumbered(published.waitlist)
        let found = try Self.differences(published)
        #expect(found.first == .missing(number: removed.number, expected: Spot(.waitlist, 2)))
        #expect(found.count == 1 + (published.waitlist.count - 1))
        #expect(found.dropFirst().allSatisfy { if case .placement = $0 { true } else { false } })
        // The header still says the lottery was used; only the lines differ.
        #expect(!found.contains { if case .lotteryUsed = $0 { true } else { false } })
    }

    @Test func aListDrawnWithAnotherPublicValueIsFound() throws {
        let forged = try F.allocate(places: 5, Self.applicants, publicValue: F.publicValue + " (sửa)")
        let found = try Self.differences(forged)
        #expect(found.contains(.publicValue(published: F.publicValue + " (sửa)", expected: F.publicValue)))
        #expect(found.contains(.seed(published: forged.seed, expected: LotteryTests.seed)))
        #expect(found.count { if case .rank = $0 { true } else { false } } == Self.applicants.count)
    }

    @Test func aWrongSeedOnAnOtherwiseCorrectListIsFound() throws {
        var published = try Self.published()
        published.seed = String(repeating: "0", count: 64)
        #expect(try Self.differences(published) == [.seed(published: published.seed, expected: LotteryTests.seed)])
    }

    @Test func aForgedRankValueIsFound() throws {
        var published = try Self.published()
        let original = published.waitlist[2].rank
        published.waitlist[2].rank = String(repeating: "0", count: 64)
        #expect(
            try Self.differences(published) == [
                .rank(number: published.waitlist[2].number, published: published.waitlist[2].rank, expected: original)
            ])
    }

    @Test func anAddedNameADuplicatedLineAndAChangedGroupAreFound() throws {
        var published = try Self.published()
        let extra = Placement(number: "2027-09999", group: "UT1", rank: String(repeating: "a", count: 64), position: 6)
        published.admitted.append(extra)
        published.waitlist.append(
            Placement(
                number: published.admitted[0].number, group: "TT", rank: published.admitted[0].rank,
                position: published.waitlist.count + 1))
        #expect(published.waitlist[1].group == nil)
        published.waitlist[1].group = "UT1"
        #expect(
            try Self.differences(published) == [
                .listedTwice(number: published.admitted[0].number),
                .group(number: published.waitlist[1].number, published: "UT1", expected: nil),
                .unexpected(number: "2027-09999", published: Spot(.admitted, 6)),
            ])
    }

    @Test func aHiddenOverflowAndAFalseLotteryFlagAreFound() throws {
        let catchment = F.applicants(7, group: "TT", from: 1)
        var published = try F.allocate(places: 5, catchment)
        published.overflow = 0
        published.lotteryUsed = true
        published.places = 7
        #expect(
            published.differences(from: try F.allocate(places: 5, catchment)) == [
                .places(published: 7, expected: 5),
                .lotteryUsed(published: true, expected: false),
                .overflow(published: 0, expected: 2),
            ])
    }

    @Test func differencesReadInVietnamese() throws {
        var published = try Self.published()
        let removed = published.admitted.removeLast()
        let messages = try Allocation.verify(
            published: published, places: 5, groups: F.groups, applicants: Self.applicants,
            publicValue: F.publicValue, campaign: F.campaign)
        #expect(messages == ["Hồ sơ \(removed.number) không có trong danh sách công bố; tính lại: trúng tuyển, số thứ tự 5."])
        #expect(
            AllocationDifference.group(number: "2027-00001", published: nil, expected: "TT").description
                == "Hồ sơ 2027-00001: nhóm ưu tiên công bố là không thuộc nhóm nào, tính lại là TT.")
    }

    @Test func invalidInputsCannotBeVerified() throws {
        let published = try Self.published()
        #expect(throws: AllocationError.duplicateApplicationNumber("2027-00001")) {
            try Allocation.verify(
                published: published, places: 5, groups: F.groups, applicants: Self.applicants + [Self.applicants[0]],
                publicValue: F.publicValue, campaign: F.campaign)
        }
    }
}
