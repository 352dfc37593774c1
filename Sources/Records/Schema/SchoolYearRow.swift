import FluentKit
import Foundation

final class SchoolYearRow: Model, @unchecked Sendable {
    static let schema = "school_years"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "term1_ends_on") var term1EndsOn: String
    @Field(key: "term2_starts_on") var term2StartsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "mid_term1_on") var midTerm1On: String
    @Field(key: "end_term1_on") var endTerm1On: String
    @Field(key: "mid_term2_on") var midTerm2On: String
    @Field(key: "end_of_year_on") var endOfYearOn: String
    @Field(key: "is_current") var isCurrent: Bool

    init() {}
}

extension SchoolYearRow {
    /// The school year this row stores.
    func value() -> SchoolYear {
        let d = { (text: String) in SchoolDate(iso: text) ?? SchoolDate(year: 2000, month: 1, day: 1)! }
        return SchoolYear(
            id: SchoolYearID(id!), name: name,
            dates: SchoolYearDates(
                startsOn: d(startsOn), term1EndsOn: d(term1EndsOn), term2StartsOn: d(term2StartsOn),
                endsOn: d(endsOn),
                checkpoints: [
                    .midTerm1: d(midTerm1On), .endTerm1: d(endTerm1On),
                    .midTerm2: d(midTerm2On), .endOfYear: d(endOfYearOn),
                ]),
            isCurrent: isCurrent)
    }
}
