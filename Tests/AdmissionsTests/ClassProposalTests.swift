import Admissions
import Foundation
import Testing

@Suite struct ClassProposalTests {
    static func children(_ count: Int, girlsEvery: Int = 2, kindergartens: [String] = [""]) -> [ClassProposal.Child] {
        (0..<count).map { index in
            ClassProposal.Child(
                id: "c\(index)", isGirl: index % girlsEvery == 0, kindergarten: kindergartens[index % kindergartens.count],
                sortKey: String(format: "%04d", (index * 7919) % 10_000))
        }
    }

    @Test(arguments: [(100, 3), (140, 4), (35, 1), (7, 3), (0, 2)])
    func classesAreBalancedBySizeAndGenderAndNeverOverCapacity(count: Int, classes: Int) throws {
        let slots = (0..<classes).map { ClassProposal.Slot(id: "1\(["A", "B", "C", "D"][$0])", capacity: 35) }
        let kids = Self.children(count)
        let proposal = try ClassProposal.propose(kids, into: slots)
        #expect(proposal.count == count)
        let sizes = slots.map { slot in proposal.values.filter { $0 == slot.id }.count }
        #expect(sizes.allSatisfy { $0 <= 35 })
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
        let girls = slots.map { slot in kids.filter { $0.isGirl && proposal[$0.id] == slot.id }.count }
        #expect((girls.max() ?? 0) - (girls.min() ?? 0) <= 1)
    }

    @Test func kindergartenFriendsStayTogetherInGroups() throws {
        let kids = Self.children(60, kindergartens: ["Hoa Sen", "Tuổi Thơ", "Sao Mai", ""])
        let slots = ["1A", "1B"].map { ClassProposal.Slot(id: $0, capacity: 35) }
        let proposal = try ClassProposal.propose(kids, into: slots, keepKindergartensTogether: true)
        #expect(proposal.count == 60)
        for name in ["Hoa Sen", "Tuổi Thơ", "Sao Mai"] {
            let classes = kids.filter { $0.kindergarten == name }.map { proposal[$0.id]! }
            for slot in Set(classes) { #expect(classes.filter { $0 == slot }.count >= 2, "\(name) alone in \(slot)") }
        }
        let sizes = slots.map { slot in proposal.values.filter { $0 == slot.id }.count }
        #expect(sizes.allSatisfy { $0 <= 35 })
    }

    @Test func tooManyChildrenOrNoClassesAreNamed() {
        #expect(throws: ClassProposal.Problem.notEnoughPlaces(children: 36, places: 35)) {
            try ClassProposal.propose(Self.children(36), into: [ClassProposal.Slot(id: "1A", capacity: 35)])
        }
        #expect(throws: ClassProposal.Problem.noClasses) { try ClassProposal.propose(Self.children(3), into: []) }
    }

    @Test func theSameInputGivesTheSameProposal() throws {
        let slots = ["1A", "1B", "1C"].map { ClassProposal.Slot(id: $0, capacity: 35) }
        let kids = Self.children(80)
        #expect(try ClassProposal.propose(kids, into: slots) == ClassProposal.propose(kids.reversed(), into: slots))
    }
}
