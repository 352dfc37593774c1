import Foundation
import Records
import Testing

/// The year-end result of TT27 Art. 9.2a and the completion of Art. 11 (regulations.md §1.6–1.7), and which rulebook
/// applies to which grade in which year (§0).
@Suite struct YearEndRulesTests {
    /// A grade-4 pupil: every subject of the 2018 curriculum, six of them tested at the end of the year.
    static func subjects(level: String = "T", score: Int = 10, overrides: [String: (String?, [Int])] = [:]) -> [YearEndSubject] {
        let tested = [
            "TV": "Tiếng Việt", "TOAN": "Toán", "NN1": "Ngoại ngữ 1", "LSDL": "Lịch sử và Địa lí", "KH": "Khoa học",
            "THCN": "Tin học và Công nghệ",
        ]
        let untested = ["DD": "Đạo đức", "GDTC": "Giáo dục thể chất", "AN": "Âm nhạc", "MT": "Mĩ thuật", "HDTN": "Hoạt động trải nghiệm"]
        let all =
            tested.sorted { $0.key < $1.key }.map { ($0.key, $0.value, true) }
            + untested.sorted { $0.key < $1.key }.map { ($0.key, $0.value, false) }
        return all.map { code, name, isTested in
            let (l, s) = overrides[code] ?? (level, isTested ? [score] : [])
            return YearEndSubject(code: code, name: name, level: l, scores: s)
        }
    }

    static func competences(level: String = "T", overrides: [String: String?] = [:]) -> [YearEndCompetence] {
        let rulebook = Rulebooks.tt27
        return rulebook.qualities.map { YearEndCompetence(name: $0, kind: "phẩm chất", level: overrides[$0] ?? level) }
            + (rulebook.generalCompetencies + rulebook.specificCompetencies).map {
                YearEndCompetence(name: $0, kind: "năng lực", level: overrides[$0] ?? level)
            }
    }

    static func outcome(_ subjects: [YearEndSubject], _ competences: [YearEndCompetence] = competences()) -> YearEndOutcome {
        YearEndEvaluator.evaluate(subjects, competences: competences, grade: 4, rulebook: Rulebooks.tt27)
    }

    @Test func scoreBoundariesNineSevenAndFive() {
        #expect(Self.outcome(Self.subjects(score: 9)).result == .excellent)
        #expect(Self.outcome(Self.subjects(score: 9)).awards == ["Học sinh Xuất sắc"])
        let eight = Self.outcome(Self.subjects(overrides: ["TOAN": ("T", [8])]))
        #expect(eight.result == .good)
        #expect(eight.reasons == ["HTT: điểm kiểm tra cuối năm môn Toán là 8 (dưới 9)"])
        #expect(eight.mayBeNominated && eight.awards.isEmpty)
        #expect(Self.outcome(Self.subjects(overrides: ["TOAN": ("T", [7])])).result == .good)
        let six = Self.outcome(Self.subjects(overrides: ["TOAN": ("T", [6])]))
        #expect(six.result == .completed && six.completesGrade == true)
        #expect(Self.outcome(Self.subjects(overrides: ["TOAN": ("T", [5])])).result == .completed)
        let four = Self.outcome(Self.subjects(overrides: ["TOAN": ("H", [4])]))
        #expect(four.result == .notCompleted && four.completesGrade == false)
        #expect(four.reasons == ["CHT: điểm kiểm tra cuối năm môn Toán là 4 (dưới 5)"])
    }

    @Test func oneUnscoredSubjectAtHOrOneĐạtBlocksTheTopTwoLevels() {
        let music = Self.outcome(Self.subjects(overrides: ["AN": ("H", [])]))
        #expect(music.result == .completed)
        #expect(music.reasons == ["HT: Âm nhạc ở mức Hoàn thành"])
        let honest = Self.outcome(Self.subjects(), Self.competences(overrides: ["Trung thực": "Đ"]))
        #expect(honest.result == .completed)
        #expect(honest.reasons == ["HT: phẩm chất Trung thực ở mức Đạt"])
        let needsEffort = Self.outcome(Self.subjects(), Self.competences(overrides: ["Tự chủ và tự học": "C"]))
        #expect(needsEffort.result == .notCompleted)
        #expect(needsEffort.reasons == ["CHT: năng lực Tự chủ và tự học ở mức Cần cố gắng"])
        #expect(Self.outcome(Self.subjects(overrides: ["MT": ("C", [])])).reasons == ["CHT: Mĩ thuật ở mức Chưa hoàn thành"])
    }

    @Test func aMissingValueIsMissingNotAFail() {
        let noScore = Self.outcome(Self.subjects(overrides: ["KH": ("T", [])]))
        #expect(noScore.result == nil && noScore.completesGrade == nil)
        #expect(noScore.missing == ["Khoa học: chưa có điểm kiểm tra cuối năm"])
        let notEntered: String? = nil
        let noLevel = Self.outcome(Self.subjects(overrides: ["AN": (nil, [])]), Self.competences(overrides: ["Nhân ái": notEntered]))
        #expect(noLevel.missing == ["Âm nhạc: chưa có mức đạt được", "phẩm chất Nhân ái: chưa có mức"])
    }

    @Test func afterARetestTheLastAttemptCounts() {
        #expect(Self.outcome(Self.subjects(overrides: ["TOAN": ("H", [4, 6])])).result == .completed)
        #expect(Self.outcome(Self.subjects(overrides: ["TOAN": ("H", [6, 4])])).result == .notCompleted)
    }

    @Test func theRulebookFollowsTheRoadmapGradeByGrade() {
        #expect(Rulebooks.inForce(startYear: 2019, grade: 1).id == "tt30-tt22")
        #expect(Rulebooks.inForce(startYear: 2020, grade: 1).id == "tt27-2020")
        #expect(Rulebooks.inForce(startYear: 2020, grade: 2).id == "tt30-tt22")
        #expect(Rulebooks.inForce(startYear: 2023, grade: 4).id == "tt27-2020")
        #expect(Rulebooks.inForce(startYear: 2023, grade: 5).id == "tt30-tt22", "grade 5 in 2023-24 still followed the old rules")
        #expect(Rulebooks.inForce(yearName: "2024-2025", grade: 5).id == "tt27-2020")
        #expect(Rulebooks.inForce(yearName: "2026-2027", grade: 3).id == "tt27-2020")
        // Tests by grade and checkpoint, and scores.
        let tt27 = Rulebooks.tt27
        #expect(tt27.hasTest(subject: "TOAN", grade: 4, at: .midTerm1) && !tt27.hasTest(subject: "TOAN", grade: 3, at: .midTerm1))
        #expect(tt27.hasTest(subject: "NN1", grade: 3, at: .endTerm1) && !tt27.hasTest(subject: "NN1", grade: 2, at: .endTerm1))
        #expect(!tt27.hasTest(subject: "AN", grade: 5, at: .endOfYear))
        #expect(tt27.accepts(score: 0) && tt27.accepts(score: 10) && !tt27.accepts(score: 11) && !tt27.accepts(score: -1))
        #expect(!Rulebooks.tt22.accepts(score: 0), "TT22's no-zero rule is a setting of its rulebook")
        #expect(tt27.qualities.count == 5 && tt27.generalCompetencies.count == 3 && tt27.specificCompetencies.count == 7)
    }

    @Test func theOldRulebookDecidesCompletionOnly() {
        let old = Rulebooks.tt22
        let subjects = [
            YearEndSubject(code: "TOAN", name: "Toán", level: "H", scores: [4]), YearEndSubject(code: "AN", name: "Âm nhạc", level: "T"),
        ]
        let competences = old.qualities.map { YearEndCompetence(name: $0, kind: "phẩm chất", level: "T") }
        let outcome = YearEndEvaluator.evaluate(subjects, competences: competences, grade: 5, rulebook: old)
        #expect(outcome.result == nil && outcome.completesGrade == false)
        #expect(outcome.reasons == ["Chưa hoàn thành: điểm kiểm tra cuối năm môn Toán là 4 (dưới 5)"])
    }
}
