import Records
import Testing

@Suite struct VietnameseTextTests {
    @Test func namesSortByGivenThenMiddleThenFamilyInVietnameseLetterOrder() {
        let names = [
            PersonName(kinhFullName: "Trần Đức Bảo"), PersonName(kinhFullName: "Nguyễn Thị Ánh"),
            PersonName(family: "Niê", given: "H'Hen", familyLast: true), PersonName(kinhFullName: "Phạm Ngọc Ân"),
            PersonName(family: "Êban", middle: "Kŏ", given: "Y", familyLast: true), PersonName(kinhFullName: "Lê Văn Anh"),
            PersonName(kinhFullName: "Đỗ Thị Hoa"), PersonName(kinhFullName: "Vũ Văn Dũng"), PersonName(kinhFullName: "Lê Văn Đức"),
        ]
        let sorted = names.sorted { $0.sortKey < $1.sortKey }.map(\.full)
        #expect(
            sorted == [
                "Lê Văn Anh", "Nguyễn Thị Ánh", "Phạm Ngọc Ân", "Trần Đức Bảo", "Vũ Văn Dũng", "Lê Văn Đức",
                "H'Hen Niê", "Đỗ Thị Hoa", "Y Kŏ Êban",
            ])
    }

    @Test func sameGivenNameFallsBackToMiddleThenFamily() {
        let a = PersonName(kinhFullName: "Trần Văn An")
        let b = PersonName(kinhFullName: "Lê Văn An")
        let c = PersonName(kinhFullName: "Lê Thị An")
        #expect([a, b, c].sorted { $0.sortKey < $1.sortKey }.map(\.full) == ["Lê Thị An", "Lê Văn An", "Trần Văn An"])
    }

    @Test func clanNameLastIsWrittenLast() {
        let name = PersonName(family: "Êban", middle: "Kŏ", given: "Y", familyLast: true)
        #expect(name.full == "Y Kŏ Êban")
        #expect(PersonName(kinhFullName: "Nguyễn Thị Ánh").full == "Nguyễn Thị Ánh")
    }

    @Test func decomposedInputIsStoredComposed() {
        let decomposed = "Nguye\u{0302}\u{0303}n Thi\u{0323} A\u{0301}nh"
        let clean = VietnameseText.clean("  \(decomposed)\t ")
        #expect(clean == "Nguyễn Thị Ánh")
        #expect(clean.unicodeScalars.count == "Nguyễn Thị Ánh".unicodeScalars.count)
    }

    @Test(arguments: [
        ("Nguyễn Thị Ánh", "nguyen thi anh"), ("ĐỖ ĐỨC ĐẠT", "do duc dat"), ("H'Hen Niê", "hhen nie"), ("Y Kŏ Êban", "y ko eban"),
    ])
    func searchKeyDropsDiacriticsAndCaseAndMapsDToD(input: String, key: String) {
        #expect(VietnameseText.foldKey(input) == key)
    }

    @Test func controlCharactersAndRunsOfSpaceAreRemoved() {
        #expect(VietnameseText.clean("Lê\u{0000}  Văn\nAnh") == "Lê Văn Anh")
    }

    @Test(arguments: [("05/09/2026", "2026-09-05"), ("5/9/2026", "2026-09-05"), ("29-02-2024", "2024-02-29"), ("31.12.2026", "2026-12-31")])
    func vietnameseDatesParse(text: String, iso: String) {
        #expect(SchoolDate(vietnamese: text)?.iso == iso)
        #expect(SchoolDate(vietnamese: text)?.display == SchoolDate(iso: iso)?.display)
    }

    @Test(arguments: ["29/02/2026", "31/04/2026", "2026-09-05", "5/9/26", "", "abc"])
    func impossibleOrAmbiguousDatesAreRefused(text: String) {
        #expect(SchoolDate(vietnamese: text) == nil)
    }

    @Test(arguments: ["05032021", "5/3/2021", "05/03/2021", "05.03.2021", "05,03,2021", "5-3-2021", " 5 3 2021 "])
    func aDateTypedWithDigitsAloneOrAnySeparatorIsRead(_ typed: String) {
        #expect(SchoolDate(vietnamese: typed) == SchoolDate(year: 2021, month: 3, day: 5))
    }

    @Test(arguments: ["0503202", "050320211", "32012021", "31/02/2021", "5/3/21", "05/03/2O21", "ngày 5"])
    func aDateThatIsNotOneIsRefused(_ typed: String) {
        #expect(SchoolDate(vietnamese: typed) == nil)
    }
}
