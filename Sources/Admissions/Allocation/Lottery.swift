import Foundation
import Records

/// Bốc thăm công khai: the public draw that orders applicants inside a priority group, which anyone can re‑check.
///
/// Nobody — not the school, not the council, not hoso — chooses the outcome. Before the draw the council announces
/// *which* public value will be used (for example "the winning numbers of Vietlott Mega 6/45 draw 01234 on
/// 20/07/2027"), a value nobody controls and everybody can read once it exists. The list of verified applications
/// is closed before that value is known, so no one can steer it towards or away from a child.
///
/// Everything is plain SHA‑256 over UTF‑8 text, written as 64 lowercase hex digits, so a parent can recompute it
/// with any tool:
///
/// ```
/// seed = SHA-256( publicValue + "|" + campaign )
/// rank = SHA-256( seed + "|" + applicationNumber )
///
/// $ printf '%s' 'Vietlott Mega 6/45 kỳ 01234: 05 12 23 31 40 44|3f2a9c1e-8b4d-4e6f-9a1b-2c3d4e5f6a7b' | sha256sum
/// a05c4f36cdd0254bf0e0f9f123c1600e3f95cabfee758fed0150e2d3b6b1fca2  -
/// $ printf '%s' 'a05c4f36cdd0254bf0e0f9f123c1600e3f95cabfee758fed0150e2d3b6b1fca2|2027-00042' | sha256sum
/// 3488422b984a53485ed8000a0207a5d1681160797e9d143d8dabe62fbcaeb9fd  -
/// ```
///
/// (`printf '%s'`, not `echo`, which adds a line break; `shasum -a 256` on a Mac.) The values are the ones the
/// published list prints: the public value and campaign identifier after `normalise`, the seed, each rank value.
///
/// A lower rank value comes earlier in the draw. Comparing the hex texts as strings is the same as comparing the
/// 256‑bit numbers, because both have exactly 64 digits of the same case.
public enum Lottery {
    /// The separator between the parts of every hashed text: one ASCII vertical bar, U+007C.
    public static let separator = "|"

    /// The public value or campaign identifier as it is hashed and published: NFC‑normalised, trimmed, inner runs of
    /// whitespace (newlines included) turned into one space, control characters dropped.
    ///
    /// Collapsing inner whitespace, not only trimming, matters because the published page is HTML, which shows a
    /// double space or a line break as one space: a parent copying the value from the page must hash the same bytes.
    public static func normalise(_ text: String) -> String {
        VietnameseText.clean(text)
    }

    /// The seed: lowercase hex SHA‑256 of the UTF‑8 bytes of `normalise(publicValue) + "|" + normalise(campaign)`.
    ///
    /// - Parameters:
    ///   - publicValue: what the chair types from the announced public source (free text, any script).
    ///   - campaign: the campaign identifier announced with it, such as the campaign's UUID in lowercase
    ///     (`Campaign.id.description`); case is kept, so the announced spelling is the one to use.
    public static func seed(publicValue: String, campaign: String) -> String {
        SecureToken.sha256Hex(normalise(publicValue) + separator + normalise(campaign))
    }

    /// One application's rank value: lowercase hex SHA‑256 of the UTF‑8 bytes of `seed + "|" + applicationNumber`.
    ///
    /// The seed is used as its 64 hex digits (not the raw 32 bytes), and the application number exactly as printed
    /// on the list, such as `2027-00042`, with nothing trimmed or changed.
    public static func rank(seed: String, applicationNumber: String) -> String {
        SecureToken.sha256Hex(seed + separator + applicationNumber)
    }

    /// Whether `a` comes before `b` in the draw: lower rank value first; equal rank values (which SHA‑256 makes
    /// practically impossible) fall back to the application number so the order is total and the same everywhere.
    ///
    /// Both comparisons are on Unicode scalars, not on `String`'s `<`, whose Unicode canonical ordering a reader
    /// with another tool could not reproduce; for hex digits and ASCII numbers the two agree anyway.
    public static func precedes(rank a: String, number numberA: String, rank b: String, number numberB: String) -> Bool {
        if a != b { return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) }
        return numberA.unicodeScalars.lexicographicallyPrecedes(numberB.unicodeScalars)
    }
}
