import Foundation

/// A small ICC v2 display profile of sRGB (IEC 61966-2.1 primaries adapted to D50, the tone curve as gamma 2.2), made
/// in code so that PDF/A output intents need no profile file on the machine.
enum ICCProfile {
    static let srgbName = "sRGB IEC61966-2.1"

    /// The profile's bytes.
    static let srgb: [UInt8] = {
        // Tag data, each padded to 4 bytes: (signature, bytes).
        let description = textDescription(srgbName)
        let tags: [(String, [UInt8])] = [
            ("desc", description),
            ("cprt", text("No copyright, use freely")),
            ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4361, 0.2225, 0.0139)),
            ("gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            ("bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            ("rTRC", gamma(2.2)),
            ("gTRC", gamma(2.2)),
            ("bTRC", gamma(2.2)),
        ]
        let tableSize = 4 + tags.count * 12
        var offset = 128 + tableSize
        var table = be32(tags.count)
        var data: [UInt8] = []
        for (signature, bytes) in tags {
            table += Array(signature.utf8) + be32(offset) + be32(bytes.count)
            let padded = bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
            data += padded
            offset += padded.count
        }
        let size = 128 + tableSize + data.count
        var header = be32(size)
        header += Array("none".utf8)  // preferred CMM: none
        header += [0x02, 0x10, 0x00, 0x00]  // version 2.1
        header += Array("mntrRGB XYZ ".utf8)  // display class, RGB data, XYZ connection space
        header += [UInt8](repeating: 0, count: 12)  // date and time
        header += Array("acsp".utf8)
        header += [UInt8](repeating: 0, count: 4 + 4 + 4 + 4 + 8 + 4)  // platform, flags, manufacturer, model, attributes, intent
        header += s15(0.9642) + s15(1.0) + s15(0.8249)  // D50
        header += [UInt8](repeating: 0, count: 4 + 16 + 28)  // creator, profile ID, reserved
        return header + table + data
    }()

    static func be32(_ value: Int) -> [UInt8] {
        [UInt8((value >> 24) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func s15(_ value: Double) -> [UInt8] { be32(Int((value * 65536).rounded()) & 0xFFFF_FFFF) }

    static func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] {
        Array("XYZ ".utf8) + [0, 0, 0, 0] + s15(x) + s15(y) + s15(z)
    }

    static func gamma(_ value: Double) -> [UInt8] {
        let fixed = Int((value * 256).rounded())
        return Array("curv".utf8) + [0, 0, 0, 0] + be32(1) + [UInt8(fixed >> 8), UInt8(fixed & 0xFF)]
    }

    static func text(_ value: String) -> [UInt8] { Array("text".utf8) + [0, 0, 0, 0] + Array(value.utf8) + [0] }

    /// textDescriptionType: the ASCII name, no Unicode or ScriptCode names.
    static func textDescription(_ value: String) -> [UInt8] {
        let ascii = Array(value.utf8) + [0]
        return Array("desc".utf8) + [0, 0, 0, 0] + be32(ascii.count) + ascii + be32(0) + be32(0) + [0, 0] + [0]
            + [UInt8](repeating: 0, count: 67)
    }
}
