import Admissions
import Foundation
import Testing

/// Shared inputs for the allocation suites.
enum AllocationFixture {
    static let publicValue = LotteryTests.publicValue
    static let campaign = LotteryTests.campaign

    /// In‑catchment children (guaranteed), then two drawn groups, as a public school's campaign lists them.
    static let groups = [
        PriorityGroup(code: "TT", name: "Trẻ cư trú trong địa bàn tuyển sinh", guaranteed: true),
        PriorityGroup(code: "UT1", name: "Con liệt sĩ, con thương binh", guaranteed: false),
        PriorityGroup(code: "UT2", name: "Trẻ có anh chị đang học tại trường", guaranteed: false),
    ]

    static func number(_ index: Int) -> String { String(format: "2027-%05d", index) }

    /// Applicants numbered from `start`, all in `group`.
    static func applicants(_ count: Int, group: String?, from start: Int) -> [Applicant] {
        (0..<count).map { Applicant(number: number(start + $0), group: group) }
    }

    static func allocate(
        places: Int, groups: [PriorityGroup] = groups, _ applicants: [Applicant], publicValue: String = publicValue
    ) throws -> AllocationResult {
        try Allocation.allocate(
            places: places, groups: groups, applicants: applicants, publicValue: publicValue, campaign: campaign)
    }

    /// Numbers in draw order, computed here from `Lottery.rank` alone.
    static func drawOrder(_ applicants: [Applicant], publicValue: String = publicValue) -> [String] {
        let seed = Lottery.seed(publicValue: publicValue, campaign: campaign)
        return applicants.map { ($0.number, Lottery.rank(seed: seed, applicationNumber: $0.number)) }
            .sorted { $0.1 < $1.1 }.map(\.0)
    }
}

@Suite struct AllocationTests {
    typealias F = AllocationFixture

    @Test func aDrawRecomputedWithSha256sumGivesTheSameList() throws {
        // The six rank values were computed with `printf '%s' '<seed>|2027-0000N' | sha256sum | sort`.
        let result = try F.allocate(places: 3, groups: [], F.applicants(6, group: nil, from: 1))
        #expect(result.seed == LotteryTests.seed)
        #expect(result.admitted.map(\.number) == ["2027-00005", "2027-00002", "2027-00001"])
        #expect(result.waitlist.map(\.number) == ["2027-00004", "2027-00003", "2027-00006"])
        #expect(result.admitted.first?.rank == "030ab9ef675307dcfa454fcc0b898ace8741ab5815adf57bd1cd3bf5350c7212")
        #expect(result.waitlist.last?.rank == "ee7f5f5483b31f3c6c7b6c241cca15d49cd0b9faa1070e15dba3c6868054d132")
        #expect(result.lotteryUsed)
    }

    @Test func whenEveryoneFitsAllAreAdmittedWithoutTheLottery() throws {
        let applicants =
            F.applicants(3, group: "TT", from: 1) + F.applicants(2, group: "UT2", from: 10)
            + F.applicants(2, group: nil, from: 20)
        let result = try F.allocate(places: 7, applicants)
        #expect(result.admitted.count == 7)
        #expect(result.waitlist.isEmpty)
        #expect(!result.lotteryUsed)
        #expect(result.overflow == 0)
        #expect(!result.isOversubscribedByGuaranteed)
        // Rank values are still published, so the list looks the same whether or not the draw decided anything.
        let seed = LotteryTests.seed
        #expect(result.admitted.allSatisfy { $0.rank == Lottery.rank(seed: seed, applicationNumber: $0.number) })
        #expect(result.admitted.map(\.group) == ["TT", "TT", "TT", "UT2", "UT2", nil, nil])
    }

    @Test func noApplicantsGiveEmptyLists() throws {
        let result = try F.allocate(places: 35, [])
        #expect(result.admitted.isEmpty && result.waitlist.isEmpty)
        #expect(!result.lotteryUsed)
        #expect(result.overflow == 0)
        #expect(result.seed == LotteryTests.seed)
    }

    @Test func zeroPlacesWaitlistEveryoneInOrder() throws {
        let applicants = F.applicants(3, group: "UT2", from: 1) + F.applicants(3, group: "UT1", from: 10)
        let result = try F.allocate(places: 0, applicants)
        #expect(result.admitted.isEmpty)
        #expect(
            result.waitlist.map(\.number)
                == F.drawOrder(Array(applicants[3...])) + F.drawOrder(Array(applicants[..<3])))
        #expect(result.waitlist.map(\.position) == [1, 2, 3, 4, 5, 6])
        #expect(result.lotteryUsed)
    }

    @Test func guaranteedChildrenBeyondThePlacesAreAllAdmittedAndTheExcessIsReported() throws {
        let catchment = F.applicants(40, group: "TT", from: 1)
        let others = F.applicants(5, group: "UT1", from: 100)
        let result = try F.allocate(places: 35, catchment + others)
        #expect(result.admitted.count == 40)
        #expect(result.admitted.allSatisfy { $0.group == "TT" })
        #expect(result.overflow == 5)
        #expect(result.isOversubscribedByGuaranteed)
        #expect(result.waitlist.map(\.number) == F.drawOrder(others))
    }

    @Test func zeroPlacesStillAdmitGuaranteedChildren() throws {
        let result = try F.allocate(places: 0, F.applicants(2, group: "TT", from: 1))
        #expect(result.admitted.count == 2)
        #expect(result.overflow == 2)
        #expect(!result.lotteryUsed)
    }

    @Test func guaranteedChildrenExactlyFillingThePlacesLeaveNothingForTheOthers() throws {
        let result = try F.allocate(places: 4, F.applicants(4, group: "TT", from: 1) + F.applicants(2, group: "UT1", from: 10))
        #expect(result.admitted.map(\.group) == ["TT", "TT", "TT", "TT"])
        #expect(result.overflow == 0)
        #expect(!result.isOversubscribedByGuaranteed)
        #expect(result.waitlist.count == 2)
        #expect(result.lotteryUsed)
    }

    @Test func groupsFillInOrderAndTheLotterySplitsTheGroupThatDoesNotFit() throws {
        let catchment = F.applicants(3, group: "TT", from: 1)
        let first = F.applicants(2, group: "UT1", from: 10)
        let second = F.applicants(6, group: "UT2", from: 20)
        let none = F.applicants(3, group: nil, from: 30)
        let result = try F.allocate(places: 8, (none + second + first + catchment).reversed())

        let secondOrder = F.drawOrder(second)
        #expect(
            result.admitted.map(\.number)
                == F.drawOrder(catchment) + F.drawOrder(first) + Array(secondOrder[..<3]))
        #expect(result.waitlist.map(\.number) == Array(secondOrder[3...]) + F.drawOrder(none))
        #expect(result.admitted.map(\.position) == Array(1...8))
        #expect(result.waitlist.map(\.position) == Array(1...6))
        #expect(result.lotteryUsed)
        #expect(result.overflow == 0)
    }

    @Test func withOneGroupTheLowestRanksGetThePlaces() throws {
        let applicants = F.applicants(50, group: "UT1", from: 1)
        let result = try F.allocate(places: 35, groups: [F.groups[1]], applicants)
        let order = F.drawOrder(applicants)
        #expect(result.admitted.map(\.number) == Array(order[..<35]))
        #expect(result.waitlist.map(\.number) == Array(order[35...]))
        let lastAdmitted = try #require(result.admitted.last)
        #expect(result.waitlist.allSatisfy { $0.rank > lastAdmitted.rank })
    }

    @Test func childrenWithoutAGroupComeAfterEveryGroup() throws {
        let none = F.applicants(4, group: nil, from: 1)
        let late = F.applicants(2, group: "UT2", from: 50)
        let result = try F.allocate(places: 3, none + late)
        #expect(result.admitted.map(\.number) == F.drawOrder(late) + [F.drawOrder(none)[0]])
        #expect(result.waitlist.map(\.group) == [nil, nil, nil])
    }

    @Test func unknownGroupCodesCountAsNoGroupAndAreReported() throws {
        let applicants = [
            Applicant(number: F.number(1), group: "UT9"),
            Applicant(number: F.number(2), group: "ut1"),
            Applicant(number: F.number(3), group: "UT2"),
            Applicant(number: F.number(4), group: "UT9"),
            Applicant(number: F.number(5), group: nil),
        ]
        let result = try F.allocate(places: 1, applicants)
        #expect(result.admitted.map(\.number) == [F.number(3)])
        #expect(result.waitlist.map(\.number) == F.drawOrder([applicants[0], applicants[1], applicants[3], applicants[4]]))
        #expect(result.waitlist.allSatisfy { $0.group == nil })
        #expect(result.unknownGroupCodes == ["UT9", "ut1"])
    }

    @Test func aBlankGroupCodeIsNoGroupAndNotAnUnknownCode() throws {
        let result = try F.allocate(places: 5, [Applicant(number: F.number(1), group: ""), Applicant(number: F.number(2), group: " ")])
        #expect(result.admitted.map(\.group) == [nil, nil])
        #expect(result.unknownGroupCodes.isEmpty)
    }

    @Test func aGuaranteedGroupListedAfterADrawnGroupIsStillAdmittedFirst() throws {
        let groups = [F.groups[1], F.groups[0]]
        let drawn = F.applicants(3, group: "UT1", from: 1)
        let catchment = F.applicants(2, group: "TT", from: 10)
        let result = try F.allocate(places: 3, groups: groups, drawn + catchment)
        #expect(result.admitted.map(\.number) == F.drawOrder(catchment) + [F.drawOrder(drawn)[0]])
        #expect(result.waitlist.map(\.number) == Array(F.drawOrder(drawn)[1...]))
    }

    @Test func twoApplicationsWithTheSameNumberAreRejected() {
        let applicants = F.applicants(3, group: nil, from: 1) + [Applicant(number: F.number(2), group: "UT1")]
        #expect(throws: AllocationError.duplicateApplicationNumber("2027-00002")) {
            try F.allocate(places: 10, applicants)
        }
    }

    @Test(arguments: [
        (-1, AllocationFixture.groups, "2027-00001", AllocationFixture.publicValue, AllocationError.negativePlaces(-1)),
        (5, AllocationFixture.groups, "2027-00001", " \n ", .emptyPublicValue),
        (
            5, AllocationFixture.groups + [AllocationFixture.groups[1]], "2027-00001", AllocationFixture.publicValue,
            .duplicateGroupCode("UT1")
        ),
        (5, AllocationFixture.groups, "  ", AllocationFixture.publicValue, .emptyApplicationNumber),
    ])
    func contradictoryOrIncompleteInputsAreRejected(
        places: Int, groups: [PriorityGroup], number: String, publicValue: String, expected: AllocationError
    ) {
        #expect(throws: expected) {
            try F.allocate(places: places, groups: groups, [Applicant(number: number, group: nil)], publicValue: publicValue)
        }
    }

    @Test func anEmptyCampaignIdentifierIsRejected() {
        #expect(throws: AllocationError.emptyCampaignIdentifier) {
            try Allocation.allocate(places: 1, groups: [], applicants: [], publicValue: "x", campaign: " ")
        }
    }

    @Test func thePublishedResultSurvivesJSON() throws {
        let result = try F.allocate(places: 4, F.applicants(3, group: "TT", from: 1) + F.applicants(4, group: "UT1", from: 10))
        let decoded = try JSONDecoder().decode(AllocationResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
        #expect(decoded.waitlist.first?.group == "UT1")
    }
}
