import Admissions
import Foundation
import Testing

/// The rules checked on thousands of random campaigns, from a seeded generator so a failure can be replayed.
@Suite struct AllocationPropertyTests {
    typealias F = AllocationFixture

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // The high bits of an LCG are the good ones; mix them down.
            return state ^ (state >> 29)
        }
    }

    struct Case: CustomStringConvertible {
        var places: Int
        var groups: [PriorityGroup]
        var applicants: [Applicant]
        var publicValue: String

        var description: String {
            "places \(places), groups \(groups.map { "\($0.code)\($0.guaranteed ? "*" : "")" }), "
                + "applicants \(applicants.map { "\($0.number):\($0.group ?? "-")" })"
        }
    }

    static func randomCase(_ generator: inout Generator) -> Case {
        let groups = (0..<Int.random(in: 0...4, using: &generator)).map {
            PriorityGroup(code: "G\($0)", name: "Nhóm \($0)", guaranteed: Int.random(in: 0..<4, using: &generator) == 0)
        }
        let codes: [String?] = groups.map(\.code) + [nil, "XX"]
        let numbers = Array(1...200).shuffled(using: &generator).prefix(Int.random(in: 0...40, using: &generator))
        let applicants = numbers.map { Applicant(number: F.number($0), group: codes.randomElement(using: &generator)!) }
        return Case(
            places: Int.random(in: 0...30, using: &generator), groups: groups, applicants: applicants,
            publicValue: "Kết quả xổ số \(Int.random(in: 0...999_999, using: &generator))")
    }

    static func cases(_ count: Int, seed: UInt64) -> [Case] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in randomCase(&generator) }
    }

    /// The priority tier the rule gives an applicant: guaranteed groups, then the others, then no group.
    static func tier(_ code: String?, in groups: [PriorityGroup]) -> Int {
        let order = groups.filter(\.guaranteed) + groups.filter { !$0.guaranteed }
        return code.flatMap { code in order.firstIndex { $0.code == code } } ?? order.count
    }

    static func allocate(_ c: Case) throws -> AllocationResult {
        try Allocation.allocate(
            places: c.places, groups: c.groups, applicants: c.applicants, publicValue: c.publicValue, campaign: F.campaign)
    }

    @Test func everyApplicantAppearsExactlyOnceAndPositionsCountFromOne() throws {
        for c in Self.cases(500, seed: 1) {
            let result = try Self.allocate(c)
            let listed = (result.admitted + result.waitlist).map(\.number)
            #expect(listed.count == c.applicants.count, "\(c)")
            #expect(Set(listed) == Set(c.applicants.map(\.number)), "\(c)")
            #expect(result.admitted.map(\.position) == Array(0..<result.admitted.count).map { $0 + 1 }, "\(c)")
            #expect(result.waitlist.map(\.position) == Array(0..<result.waitlist.count).map { $0 + 1 }, "\(c)")
        }
    }

    @Test func capacityIsExceededOnlyByGuaranteedChildrenAndOverflowIsTheExcess() throws {
        var seen = (overflow: 0, split: 0, allFit: 0)
        for c in Self.cases(500, seed: 2) {
            let result = try Self.allocate(c)
            if result.overflow > 0 { seen.overflow += 1 } else if result.lotteryUsed { seen.split += 1 } else { seen.allFit += 1 }
            let guaranteedCodes = Set(c.groups.filter(\.guaranteed).map(\.code))
            let guaranteed = c.applicants.count { $0.group.map(guaranteedCodes.contains) ?? false }
            #expect(result.overflow == max(0, guaranteed - c.places), "\(c)")
            #expect(result.isOversubscribedByGuaranteed == (guaranteed > c.places), "\(c)")
            #expect(result.admitted.count == max(guaranteed, min(c.places, c.applicants.count)), "\(c)")
            if result.admitted.count > c.places {
                #expect(result.admitted.count == c.places + result.overflow, "\(c)")
                #expect(result.admitted.allSatisfy { $0.group.map(guaranteedCodes.contains) ?? false }, "\(c)")
            }
            // Nobody of a guaranteed group is ever waitlisted.
            #expect(!result.waitlist.contains { $0.group.map(guaranteedCodes.contains) ?? false }, "\(c)")
        }
        // The generator must reach every kind of outcome, or the checks above prove little.
        #expect(seen.overflow > 20 && seen.split > 100 && seen.allFit > 100, "\(seen)")
    }

    @Test func nobodyOfALaterGroupIsAdmittedWhileSomeoneOfAnEarlierGroupWaits() throws {
        for c in Self.cases(500, seed: 3) {
            let result = try Self.allocate(c)
            let admittedTiers = result.admitted.map { Self.tier($0.group, in: c.groups) }
            let waitingTiers = result.waitlist.map { Self.tier($0.group, in: c.groups) }
            #expect(admittedTiers == admittedTiers.sorted(), "\(c)")
            #expect(waitingTiers == waitingTiers.sorted(), "\(c)")
            if let lastIn = admittedTiers.last, let firstOut = waitingTiers.first {
                #expect(lastIn <= firstOut, "\(c)")
            }
        }
    }

    @Test func insideAGroupTheLotteryOrderHoldsAcrossTheCutAndTheWaitlist() throws {
        for c in Self.cases(500, seed: 4) {
            let result = try Self.allocate(c)
            let all = result.admitted + result.waitlist
            for (a, b) in zip(all, all.dropFirst()) where Self.tier(a.group, in: c.groups) == Self.tier(b.group, in: c.groups) {
                #expect(a.rank < b.rank, "\(c)")
            }
            #expect(all.allSatisfy { $0.rank == Lottery.rank(seed: result.seed, applicationNumber: $0.number) }, "\(c)")
        }
    }

    @Test func theLotteryIsUsedExactlyWhenNotEveryoneFits() throws {
        for c in Self.cases(500, seed: 5) {
            let result = try Self.allocate(c)
            #expect(result.lotteryUsed == (result.admitted.count < c.applicants.count), "\(c)")
            #expect(result.lotteryUsed == !result.waitlist.isEmpty, "\(c)")
        }
    }

    @Test func theSameInputsInAnyOrderGiveTheSameListAndItVerifies() throws {
        var generator = Generator(state: 6)
        for c in Self.cases(500, seed: 6) {
            let result = try Self.allocate(c)
            var shuffled = c
            shuffled.applicants.shuffle(using: &generator)
            #expect(try Self.allocate(shuffled) == result, "\(c)")
            let differences = try Allocation.verify(
                published: result, places: c.places, groups: c.groups, applicants: shuffled.applicants,
                publicValue: c.publicValue, campaign: F.campaign)
            #expect(differences.isEmpty, "\(c): \(differences)")
        }
    }

    @Test func anotherPublicValueGivesAnotherDraw() throws {
        let applicants = F.applicants(60, group: "UT1", from: 1)
        let values = (1...20).map { "Xổ số kiến thiết Thủ Đô ngày \($0)/07/2027: giải đặc biệt \($0 * 7919)" }
        let results = try values.map { try F.allocate(places: 35, applicants, publicValue: $0) }
        #expect(Set(results.map(\.seed)).count == values.count)
        #expect(Set(results.map { $0.admitted.map(\.number) }).count == values.count)
        #expect(Set(results.map { Set($0.admitted.map(\.number)) }).count == values.count)
    }

    @Test func overManyDrawsEveryChildHasTheSameChance() throws {
        // 12 children for 4 places: each should be admitted in about a third of 600 draws (σ ≈ 11.5).
        let applicants = F.applicants(12, group: nil, from: 1)
        var admittedCount: [String: Int] = [:]
        for draw in 0..<600 {
            let result = try F.allocate(places: 4, groups: [], applicants, publicValue: "draw \(draw)")
            for line in result.admitted { admittedCount[line.number, default: 0] += 1 }
        }
        #expect(admittedCount.count == 12)
        #expect(admittedCount.values.allSatisfy { (150...250).contains($0) }, "\(admittedCount.sorted { $0.key < $1.key })")
    }
}
