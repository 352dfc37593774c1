import Foundation
import ZIPFoundation

/// A zip file made in memory from named parts (deflated, with a fixed timestamp, so the same parts give the same
/// bytes): the .xlsx package and hoso's bundles (a pupil's handover of học bạ).
public enum ZipBundle {
    /// The zip of `parts`, in order.
    public static func make(_ parts: [(path: String, bytes: [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        let timestamp = Date(timeIntervalSince1970: 1_577_836_800)
        for part in parts {
            let bytes = Data(part.bytes)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: timestamp,
                compressionMethod: .deflate, bufferSize: 64 * 1024,
                provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](data)
    }
}
