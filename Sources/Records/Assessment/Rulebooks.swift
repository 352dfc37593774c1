import Foundation

/// The rulebooks hoso knows, and which one applies to a grade in a school year (regulations.md §0: TT27/2020 was
/// rolled out one grade a year from 2020-2021; older cohorts kept TT30/2014 as amended by TT22/2016).
public enum Rulebooks {
    static let subjectLevels = [
        AssessmentLevel(code: "T", name: "Hoàn thành tốt"), AssessmentLevel(code: "H", name: "Hoàn thành"),
        AssessmentLevel(code: "C", name: "Chưa hoàn thành"),
    ]
    static let competenceLevels = [
        AssessmentLevel(code: "T", name: "Tốt"), AssessmentLevel(code: "Đ", name: "Đạt"), AssessmentLevel(code: "C", name: "Cần cố gắng"),
    ]
    static let allCheckpoints: [Checkpoint] = [.midTerm1, .endTerm1, .midTerm2, .endOfYear]

    /// Thông tư 27/2020/TT-BGDĐT, for the grades under the 2018 curriculum.
    public static let tt27 = Rulebook(
        id: "tt27-2020", name: "Thông tư 27/2020/TT-BGDĐT",
        source: "Thông tư 27/2020/TT-BGDĐT quy định đánh giá học sinh tiểu học (hiệu lực 20/10/2020), Điều 5–13; "
            + "lộ trình áp dụng theo từng khối từ năm học 2020-2021 (regulations.md §0, §1).",
        checkpoints: allCheckpoints, subjectLevels: subjectLevels, competenceLevels: competenceLevels,
        qualities: ["Yêu nước", "Nhân ái", "Chăm chỉ", "Trung thực", "Trách nhiệm"],
        generalCompetencies: ["Tự chủ và tự học", "Giao tiếp và hợp tác", "Giải quyết vấn đề và sáng tạo"],
        specificCompetencies: ["Ngôn ngữ", "Tính toán", "Khoa học", "Công nghệ", "Tin học", "Thẩm mĩ", "Thể chất"],
        tests: [
            TestRule(subjectCode: "TV", grades: [1, 2, 3], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "TOAN", grades: [1, 2, 3], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "TV", grades: [4, 5], checkpoints: allCheckpoints),
            TestRule(subjectCode: "TOAN", grades: [4, 5], checkpoints: allCheckpoints),
            TestRule(subjectCode: "NN1", grades: [3, 4, 5], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "THCN", grades: [3, 4, 5], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "LSDL", grades: [4, 5], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "KH", grades: [4, 5], checkpoints: [.endTerm1, .endOfYear]),
        ],
        score: ScoreRule(lowest: 0, highest: 10, zeroAllowed: true),
        yearEnd: YearEndRule(fourLevels: true, excellent: 9, good: 7, pass: 5),
        commentLimit: 500,
        approvedCheckpoints: [.endTerm1, .endOfYear],
        unverified: [
            "Khoa học có bài kiểm tra định kì (bản dịch Điều 7 bỏ sót; báo chí 2026 cho thấy có).",
            "Tiếng dân tộc và Ngoại ngữ 1 tự chọn (lớp 1–2) không có điểm kiểm tra.",
            "Điểm 0 được cho; điểm là số nguyên 0–10, không cho điểm thập phân.",
            "Nhận xét dài tối đa 500 ký tự (hoso đặt, không có trong văn bản).",
        ])

    /// Thông tư 30/2014 as amended by Thông tư 22/2016 (VBHN 03/VBHN-BGDĐT), for cohorts before the 2018 curriculum.
    public static let tt22 = Rulebook(
        id: "tt30-tt22", name: "Thông tư 30/2014 sửa đổi bởi Thông tư 22/2016 (VBHN 03/VBHN-BGDĐT)",
        source: "VBHN 03/VBHN-BGDĐT năm 2016 hợp nhất Thông tư 30/2014 và Thông tư 22/2016; áp dụng cho các khối chưa "
            + "theo chương trình 2018 (regulations.md §3).",
        checkpoints: allCheckpoints, subjectLevels: subjectLevels, competenceLevels: competenceLevels,
        qualities: ["Chăm học, chăm làm", "Tự tin, trách nhiệm", "Trung thực, kỉ luật", "Đoàn kết, yêu thương"],
        generalCompetencies: ["Tự phục vụ, tự quản", "Hợp tác", "Tự học và giải quyết vấn đề"],
        specificCompetencies: [],
        tests: [
            TestRule(subjectCode: "TV", grades: [1, 2, 3], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "TOAN", grades: [1, 2, 3], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "TV", grades: [4, 5], checkpoints: allCheckpoints),
            TestRule(subjectCode: "TOAN", grades: [4, 5], checkpoints: allCheckpoints),
            TestRule(subjectCode: "KH", grades: [4, 5], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "LSDL", grades: [4, 5], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "NN1", grades: [3, 4, 5], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "THCN", grades: [3, 4, 5], checkpoints: [.endTerm1, .endOfYear]),
            TestRule(subjectCode: "TDT", grades: [1, 2, 3, 4, 5], checkpoints: [.endTerm1, .endOfYear]),
        ],
        score: ScoreRule(lowest: 1, highest: 10, zeroAllowed: false),
        yearEnd: YearEndRule(fourLevels: false, excellent: 9, good: 7, pass: 5),
        commentLimit: 500,
        approvedCheckpoints: [.endTerm1, .endOfYear],
        unverified: [
            "Không cho điểm 0 (chỉ thấy trong mã nguồn công khai, chưa đối chiếu văn bản).",
            "Không xếp loại cuối năm bốn mức; hoàn thành chương trình lớp khi các môn ở mức T hoặc H, năng lực, phẩm chất "
                + "Tốt hoặc Đạt và điểm kiểm tra cuối năm từ 5.",
            "Môn Tin học và Ngoại ngữ ở khối 3–5 theo chương trình cũ có điểm kiểm tra.",
        ])

    /// Every rulebook, newest first.
    public static let all = [tt27, tt22]

    /// The first school year (its starting calendar year) in which `grade` followed TT27: 2020 for grade 1, one grade
    /// a year after (grade 5 in 2024-2025).
    public static func firstTT27Year(grade: Int) -> Int { 2019 + grade }

    /// The rulebook in force for `grade` in the school year starting in `startYear`.
    public static func inForce(startYear: Int, grade: Int) -> Rulebook {
        startYear >= firstTT27Year(grade: grade) ? tt27 : tt22
    }

    /// The rulebook of the school year named "2026-2027" for `grade`, or TT27 when the name is not of that form.
    public static func inForce(yearName: String, grade: Int) -> Rulebook {
        guard let start = yearName.split(separator: "-").first.flatMap({ Int($0) }) else { return tt27 }
        return inForce(startYear: start, grade: grade)
    }
}
