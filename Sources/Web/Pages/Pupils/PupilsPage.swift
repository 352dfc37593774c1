import Foundation
import Records

/// The pupils list: every pupil of the register, searched without diacritics, a page at a time.
struct PupilsPage: Encodable {
    struct Row: Encodable {
        let name: String
        let birthDate: String
        let sex: String
        let number: String
        let className: String
        let href: String
    }

    let layout: Layout
    let search: String
    let rows: [Row]
    let nextPath: String?
    let firstPath: String?
    let xlsxPath: String

    init(_ page: PupilListPage, search: String, paged: Bool, layout: Layout) {
        self.layout = layout
        self.search = search
        rows = page.lines.map {
            Row(
                name: $0.name.full, birthDate: $0.birthDate.display, sex: $0.sex.label, number: $0.registerNumber,
                className: $0.className, href: Site.registerEntry($0.studentID))
        }
        nextPath = page.next.map { search.isEmpty ? Site.pupils(query: ["after": $0]) : Site.pupils(query: ["q": search, "after": $0]) }
        firstPath = paged ? (search.isEmpty ? Site.pupils() : Site.pupils(query: ["q": search])) : nil
        xlsxPath = search.isEmpty ? Site.pupilsXLSX() : Site.pupilsXLSX(query: ["q": search])
    }
}
