import Admissions
import Foundation
import Records
import Testing

@Suite struct RegistrationCodeTests {
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test func codesUseOnlyUnambiguousSymbolsAndReadInGroups() {
        var generator = SeededGenerator(state: 7)
        for _ in 0..<1_000 {
            let code = RegistrationCode.random(using: &generator)
            #expect(code.symbols.count == 10)
            #expect(!code.symbols.contains { "01OIL".contains($0) })
            #expect(code.display.count == 12)
            #expect(code.display.split(separator: "-").map(\.count) == [4, 4, 2])
            #expect(RegistrationCode(code.display) == code)
            #expect(RegistrationCode(code.display.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        }
    }

    @Test func everySingleWrongSymbolIsCaught() {
        var generator = SeededGenerator(state: 42)
        for _ in 0..<200 {
            let code = Array(RegistrationCode.random(using: &generator).symbols)
            for position in code.indices {
                for replacement in RegistrationCode.alphabet where replacement != code[position] {
                    var typo = code
                    typo[position] = replacement
                    #expect(RegistrationCode(String(typo)) == nil, "missed \(String(typo))")
                }
            }
        }
    }

    @Test func everySwapOfTwoDifferentSymbolsIsCaught() {
        var generator = SeededGenerator(state: 9)
        for _ in 0..<500 {
            let code = Array(RegistrationCode.random(using: &generator).symbols)
            for i in code.indices {
                for j in code.indices where j > i && code[i] != code[j] {
                    var swapped = code
                    swapped.swapAt(i, j)
                    #expect(RegistrationCode(String(swapped)) == nil, "missed swap \(i),\(j) in \(String(code))")
                }
            }
        }
    }

    @Test func typedProblemsAreNamed() {
        #expect(RegistrationCode.parse("K7QM-4XRT") == .failure(.wrongLength))
        #expect(RegistrationCode.parse("K7QM-4XRT-0C") == .failure(.invalidCharacter("0")))
        #expect(RegistrationCode.parse("I7QM-4XRT-9C") == .failure(.invalidCharacter("I")))
    }

    @Test(arguments: [
        (2021, Eligibility.ofAge), (2020, .olderNeedsReason(years: 1)), (2018, .olderNeedsReason(years: 3)),
        (2017, .tooOld), (2022, .underAge),
    ])
    func eligibilityFollowsTheBirthYear(birthYear: Int, expected: Eligibility) {
        #expect(Eligibility.of(birthYear: birthYear, campaignBirthYear: 2021) == expected)
    }
}

@Suite struct DemoCampaignTests {
    /// The README tells newcomers to try these; they must not drift.
    @Test func theDemoCodesAreTheOnesTheReadmeNames() {
        let samples = DemoCampaign.samples
        #expect(samples.count == 12)
        #expect(samples[0].code.display == "CW8X-R7RK-WX")
        #expect(samples[0].birthDate.display == "05/03/2021")
        #expect(samples[0].name == "Nguyễn Thị Ánh")
        #expect(samples[1].code.display == "KU77-HXEE-SV")
        #expect(samples[1].birthDate.display == "12/01/2021")
        #expect(Set(samples.map(\.code)).count == 12)
    }
}
