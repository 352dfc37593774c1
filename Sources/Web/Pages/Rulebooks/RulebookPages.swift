import Foundation
import Records
import Vapor

/// The page models of `RulebooksController`.
enum RulebookPages {
    struct Page: Encodable {
        let layout: Layout
        let yearName: String
        let grade: Int
        let grades: [SelectOption]
        /// Which rulebook each grade follows this year.
        let byGrade: [GradeLine]
        let name: String
        let source: String
        let checkpoints: [String]
        let tests: [TestLine]
        let subjectLevels: String
        let competenceLevels: String
        let qualities: String
        let generalCompetencies: String
        let specificCompetencies: String
        let yearEnd: [String]
        let score: String
        let commentLimit: Int
        let unverified: [String]
    }

    struct GradeLine: Encodable {
        let grade: Int
        let rulebook: String
    }

    struct TestLine: Encodable {
        let subject: String
        let marks: [Bool]
    }

    static func levels(_ levels: [AssessmentLevel]) -> String {
        levels.map { "\($0.code) — \($0.name)" }.joined(separator: "; ")
    }

    /// The page for `grade` of the year named `yearName`, with the grade's subjects (for the tests table).
    static func page(layout: Layout, yearName: String, grade: Int, subjects: [Subject]) -> Page {
        let rulebook = Rulebooks.inForce(yearName: yearName, grade: grade)
        let rules = rulebook.yearEnd
        let yearEnd =
            rules.fourLevels
            ? [
                "Hoàn thành xuất sắc: mọi môn học và hoạt động ở mức T, phẩm chất và năng lực ở mức Tốt, điểm kiểm tra cuối năm từ \(rules.excellent).",
                "Hoàn thành tốt: như trên, điểm kiểm tra cuối năm từ \(rules.good).",
                "Hoàn thành: các môn ở mức T hoặc H, phẩm chất và năng lực Tốt hoặc Đạt, điểm kiểm tra cuối năm từ \(rules.pass).",
                "Chưa hoàn thành: các trường hợp còn lại. Thiếu giá trị nào thì báo thiếu, không tính là chưa hoàn thành.",
            ]
            : [
                "Không xếp loại bốn mức. Hoàn thành chương trình lớp học khi các môn ở mức T hoặc H, phẩm chất và năng lực Tốt "
                    + "hoặc Đạt, điểm kiểm tra cuối năm từ \(rules.pass)."
            ]
        return Page(
            layout: layout, yearName: yearName, grade: grade,
            grades: (1...5).map {
                SelectOption(value: Site.rulebooks(query: ["grade": String($0)]), label: "Khối \($0)", selected: $0 == grade)
            },
            byGrade: (1...5).map { GradeLine(grade: $0, rulebook: Rulebooks.inForce(yearName: yearName, grade: $0).name) },
            name: rulebook.name, source: rulebook.source, checkpoints: rulebook.checkpoints.map(\.label),
            tests: subjects.map { subject in
                TestLine(
                    subject: subject.name,
                    marks: rulebook.checkpoints.map { rulebook.hasTest(subject: subject.code, grade: grade, at: $0) })
            },
            subjectLevels: levels(rulebook.subjectLevels), competenceLevels: levels(rulebook.competenceLevels),
            qualities: rulebook.qualities.joined(separator: ", "),
            generalCompetencies: rulebook.generalCompetencies.joined(separator: ", "),
            specificCompetencies: rulebook.specificCompetencies.joined(separator: ", "),
            yearEnd: yearEnd,
            score: "Số nguyên từ \(rulebook.score.lowest) đến \(rulebook.score.highest)"
                + (rulebook.score.zeroAllowed ? ", được cho điểm 0." : ", không cho điểm 0."),
            commentLimit: rulebook.commentLimit, unverified: rulebook.unverified)
    }
}
