/// The 2018 curriculum's subjects and activities per grade (regulations.md §2), seeded at setup and editable after.
///
/// Periodic scores follow TT27/2020: compulsory Tiếng Việt and Toán in every grade; Ngoại ngữ 1 and Tin học và
/// Công nghệ from grade 3; Lịch sử và Địa lí and Khoa học in grades 4–5. Whether the electives (Tiếng dân tộc,
/// Ngoại ngữ 1 in grades 1–2) are scored is not settled [U], so they start unscored and a school can change it.
public enum SubjectCatalog {
    /// One catalogue line: code, name, kind, status, whether scored, and periods a year for grades 1–5 (nil = not taught).
    public struct Entry: Sendable {
        public let code: String
        public let name: String
        public let kind: SubjectKind
        public let status: SubjectStatus
        public let scoredFromGrade: Int?
        public let periods: [Int?]
    }

    /// Every entry, in the order pages list them.
    public static let entries: [Entry] = [
        Entry(code: "TV", name: "Tiếng Việt", kind: .subject, status: .compulsory, scoredFromGrade: 1, periods: [420, 350, 245, 245, 245]),
        Entry(code: "TOAN", name: "Toán", kind: .subject, status: .compulsory, scoredFromGrade: 1, periods: [105, 175, 175, 175, 175]),
        Entry(
            code: "NN1", name: "Ngoại ngữ 1", kind: .subject, status: .compulsory, scoredFromGrade: 3, periods: [nil, nil, 140, 140, 140]),
        Entry(code: "DD", name: "Đạo đức", kind: .subject, status: .compulsory, scoredFromGrade: nil, periods: [35, 35, 35, 35, 35]),
        Entry(
            code: "TNXH", name: "Tự nhiên và Xã hội", kind: .subject, status: .compulsory, scoredFromGrade: nil,
            periods: [70, 70, 70, nil, nil]),
        Entry(
            code: "LSDL", name: "Lịch sử và Địa lí", kind: .subject, status: .compulsory, scoredFromGrade: 4,
            periods: [nil, nil, nil, 70, 70]),
        Entry(code: "KH", name: "Khoa học", kind: .subject, status: .compulsory, scoredFromGrade: 4, periods: [nil, nil, nil, 70, 70]),
        Entry(
            code: "THCN", name: "Tin học và Công nghệ", kind: .subject, status: .compulsory, scoredFromGrade: 3,
            periods: [nil, nil, 70, 70, 70]),
        Entry(
            code: "GDTC", name: "Giáo dục thể chất", kind: .subject, status: .compulsory, scoredFromGrade: nil,
            periods: [70, 70, 70, 70, 70]),
        Entry(code: "AN", name: "Âm nhạc", kind: .subject, status: .compulsory, scoredFromGrade: nil, periods: [35, 35, 35, 35, 35]),
        Entry(code: "MT", name: "Mĩ thuật", kind: .subject, status: .compulsory, scoredFromGrade: nil, periods: [35, 35, 35, 35, 35]),
        Entry(
            code: "HDTN", name: "Hoạt động trải nghiệm", kind: .activity, status: .compulsory, scoredFromGrade: nil,
            periods: [105, 105, 105, 105, 105]),
        Entry(
            code: "NN1TC", name: "Ngoại ngữ 1 (tự chọn)", kind: .subject, status: .elective, scoredFromGrade: nil,
            periods: [70, 70, nil, nil, nil]),
        Entry(
            code: "TDT", name: "Tiếng dân tộc thiểu số", kind: .subject, status: .elective, scoredFromGrade: nil,
            periods: [70, 70, 70, 70, 70]),
    ]
}
