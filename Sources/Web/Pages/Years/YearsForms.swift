import Admissions
import Foundation
import Records
import Vapor

extension YearsPages {
    struct Form: Content {
        var startYear: String?
        var startsOn: String?
        var term1EndsOn: String?
        var term2StartsOn: String?
        var endsOn: String?
        var midTerm1: String?
        var endTerm1: String?
        var midTerm2: String?
        var endOfYear: String?
    }
}
