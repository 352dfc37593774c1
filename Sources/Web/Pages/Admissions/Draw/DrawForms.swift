import Admissions
import Foundation
import Records
import Vapor

extension DrawPages {
    struct AnnounceForm: Content {
        var publicValue: String?
        /// The council accounts ticked as present.
        var members: [String]?
        /// Others present without an account (for example the ward's representative), separated by commas.
        var membersPresent: String?
        var reason: String?

        /// Everyone present, the ticked accounts first, as the minutes print it.
        var present: String {
            let others = (membersPresent ?? "").split(separator: ",").map { VietnameseText.clean(String($0)) }
            return ((members ?? []).map(VietnameseText.clean) + others).filter { !$0.isEmpty }.joined(separator: ", ")
        }
    }
}
