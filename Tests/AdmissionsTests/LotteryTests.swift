import Admissions
import Foundation
import Testing

@Suite struct LotteryTests {
    /// Computed once on a Linux machine, independently of hoso:
    /// `printf '%s' 'Vietlott Mega 6/45 kỳ 01234: 05 12 23 31 40 44|3f2a9c1e-8b4d-4e6f-9a1b-2c3d4e5f6a7b' | sha256sum`
    static let publicValue = "Vietlott Mega 6/45 kỳ 01234: 05 12 23 31 40 44"
    static let campaign = "3f2a9c1e-8b4d-4e6f-9a1b-2c3d4e5f6a7b"
    static let seed = "a05c4f36cdd0254bf0e0f9f123c1600e3f95cabfee758fed0150e2d3b6b1fca2"

    @Test func theSeedIsTheSha256OfPublicValueBarCampaign() {
        #expect(Lottery.seed(publicValue: Self.publicValue, campaign: Self.campaign) == Self.seed)
    }

    @Test func aRankIsTheSha256OfSeedBarApplicationNumber() {
        // printf '%s' 'a05c…fca2|2027-00042' | sha256sum, and the same for 2027-00001.
        #expect(
            Lottery.rank(seed: Self.seed, applicationNumber: "2027-00042")
                == "3488422b984a53485ed8000a0207a5d1681160797e9d143d8dabe62fbcaeb9fd")
        #expect(
            Lottery.rank(seed: Self.seed, applicationNumber: "2027-00001")
                == "5ad40f8a494d9cc29df6a37516503199ee684ad8a080239ecc3ce0dbbdadfb89")
    }

    @Test func theSeparatorIsOneVerticalBar() {
        // printf '%s' 'a|b' | sha256sum
        #expect(Lottery.separator == "|")
        #expect(
            Lottery.seed(publicValue: "a", campaign: "b")
                == "0eab8a0a3380abf4c7d1fb0b43b66aafbb64a4b953e4eb2dccca579461912d0c")
    }

    @Test func howTheChairTypesThePublicValueDoesNotChangeTheSeed() {
        let decomposed = Self.publicValue.decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count > Self.publicValue.unicodeScalars.count)
        let variants = [
            decomposed,
            "  \(Self.publicValue)\n",
            Self.publicValue.replacingOccurrences(of: ": ", with: ":  \n "),
        ]
        for variant in variants {
            #expect(Lottery.seed(publicValue: variant, campaign: " \(Self.campaign) ") == Self.seed, "\(variant)")
        }
        #expect(Lottery.normalise("  Xổ số  kiến thiết\tThủ Đô ") == "Xổ số kiến thiết Thủ Đô")
    }

    @Test func anyChangeToThePublicValueOrCampaignChangesTheSeed() {
        let seeds = [
            Lottery.seed(publicValue: Self.publicValue, campaign: Self.campaign),
            Lottery.seed(publicValue: Self.publicValue.replacingOccurrences(of: "44", with: "45"), campaign: Self.campaign),
            Lottery.seed(publicValue: Self.publicValue, campaign: Self.campaign.uppercased()),
            Lottery.seed(publicValue: Self.publicValue.replacingOccurrences(of: "kỳ", with: "ky"), campaign: Self.campaign),
            Lottery.seed(publicValue: Self.campaign, campaign: Self.publicValue),
        ]
        #expect(Set(seeds).count == seeds.count)
    }

    @Test func seedsAndRanksAreSixtyFourLowercaseHexDigits() {
        let hex = Set("0123456789abcdef")
        for number in (1...200).map({ String(format: "2027-%05d", $0) }) {
            let rank = Lottery.rank(seed: Self.seed, applicationNumber: number)
            #expect(rank.count == 64)
            #expect(rank.allSatisfy(hex.contains))
        }
        #expect(Self.seed.allSatisfy(hex.contains))
    }

    @Test func lowerRankComesFirstAndEqualRanksFallBackToTheNumber() {
        #expect(Lottery.precedes(rank: "0f", number: "2027-00009", rank: "a0", number: "2027-00001"))
        #expect(!Lottery.precedes(rank: "a0", number: "2027-00001", rank: "0f", number: "2027-00009"))
        #expect(Lottery.precedes(rank: "aa", number: "2027-00001", rank: "aa", number: "2027-00002"))
        #expect(!Lottery.precedes(rank: "aa", number: "2027-00002", rank: "aa", number: "2027-00001"))
        #expect(!Lottery.precedes(rank: "aa", number: "2027-00001", rank: "aa", number: "2027-00001"))
    }
}
