import Foundation
import Records
import Testing

/// Stored and shown instants are computed by arithmetic; they must say exactly what a calendar says.
@Suite struct TimestampsTests {
    /// What `Calendar` gives for an instant of whole milliseconds, in the storage and display forms.
    static func byCalendar(_ date: Date) -> (storage: String, display: String) {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        let p = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded()) % 1000
        let storage = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!,
            (millis + 1000) % 1000)
        var vietnam = Calendar(identifier: .gregorian)
        vietnam.timeZone = SchoolDate.vietnam
        let v = vietnam.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let display = String(format: "%02d/%02d/%04d %02d:%02d", v.day!, v.month!, v.year!, v.hour!, v.minute!)
        return (storage, display)
    }

    @Test func storageAndDisplayMatchTheCalendar() {
        var generator = SystemRandomNumberGenerator()
        // Whole milliseconds from 1950 to 2150, plus the edges of leap days, years and the Vietnamese midnight.
        var instants: [Double] = [0, 951_782_400, 951_868_799.999, 4_107_542_400, 1_767_200_400, 1_767_200_399.999, -86_400]
        for _ in 0..<2000 {
            instants.append(Double(Int.random(in: -631_152_000_000...5_680_281_600_000, using: &generator)) / 1000)
        }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let expected = Self.byCalendar(date)
            #expect(Timestamps.storage(date) == expected.storage, "\(seconds)")
            #expect(Timestamps.display(date) == expected.display, "\(seconds)")
            // Read back, the stored text is the same instant to the millisecond.
            let back = Timestamps.parseStorage(Timestamps.storage(date))
            #expect(back.map(Timestamps.storage) == expected.storage, "\(seconds)")
        }
    }

    @Test func parsesOtherISOFormsAndRefusesNonsense() {
        #expect(Timestamps.parseStorage("2026-12-07T10:00:00Z").map(Timestamps.storage) == "2026-12-07T10:00:00.000Z")
        #expect(
            Timestamps.parseStorage("2026-12-07T17:00:00.250+07:00").map(Timestamps.storage) == "2026-12-07T10:00:00.250Z")
        #expect(Timestamps.parseStorage("2026-13-07T10:00:00.000Z") == nil)
        #expect(Timestamps.parseStorage("07/12/2026") == nil)
        #expect(Timestamps.storageMillis("2026-12-07T24:00:00.000Z") == nil)
    }
}
