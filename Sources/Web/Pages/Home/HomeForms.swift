import Admissions
import Foundation
import Records
import Vapor

extension HomePages {
    struct WardOption: Content {
        let code: String
        let name: String
    }
}
