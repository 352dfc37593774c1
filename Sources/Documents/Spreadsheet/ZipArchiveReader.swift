import Foundation
import ZIPFoundation

/// How many uncompressed bytes a reader may still take out of an archive; shared by all parts of one workbook so
/// that many medium entries cannot add up to a bomb.
struct ExtractionBudget {
    var remaining: Int
}

/// The entries of a ZIP archive held in memory, with every offset and size checked against the bytes.
///
/// ZIPFoundation's `Archive` is not used to read uploads: in 0.9.20 on Linux an entry whose local‑header offset
/// points past the end of the file traps in its in‑memory file (`Range requires lowerBound <= upperBound`), and a
/// deflate stream that never ends makes `extract` spin forever at end of file. Its zlib inflater
/// (`Data.decompress`) is still used, fed by a provider that throws at the end of the entry's own bytes.
struct ZipArchiveReader {
    /// Where one entry's data lies and what the central directory says about it.
    struct Entry {
        let path: String
        let method: UInt16
        let flags: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    /// More entries than any workbook has; a central directory claiming more is hostile or broken.
    static let maxEntries = 10_000

    private let bytes: [UInt8]
    /// Keyed by the lowercased path: OPC part names compare case‑insensitively.
    private(set) var entries: [String: Entry] = [:]

    init(_ bytes: [UInt8]) throws(XLSXError) {
        self.bytes = bytes
        guard let end = Self.endOfCentralDirectory(in: bytes) else { throw .notAnXLSXFile }
        var directory = try Self.directoryLocation(in: bytes, endRecord: end)
        guard directory.count <= Self.maxEntries else { throw .tooLarge }
        var position = directory.offset
        let directoryEnd = directory.offset + directory.size
        while directory.count > 0 {
            directory.count -= 1
            guard position + 46 <= directoryEnd, bytes.uint32(at: position) == 0x0201_4B50 else {
                throw .malformed("ZIP central directory entry is damaged")
            }
            let nameLength = Int(bytes.uint16(at: position + 28))
            let extraLength = Int(bytes.uint16(at: position + 30))
            let commentLength = Int(bytes.uint16(at: position + 32))
            let nameStart = position + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= directoryEnd else { throw .malformed("ZIP central directory entry is damaged") }
            var sizes = (
                uncompressed: UInt64(bytes.uint32(at: position + 24)),
                compressed: UInt64(bytes.uint32(at: position + 20)),
                offset: UInt64(bytes.uint32(at: position + 42))
            )
            Self.applyZip64(bytes[extraStart..<extraStart + extraLength], to: &sizes)
            guard sizes.compressed <= UInt64(bytes.count), sizes.offset <= UInt64(bytes.count) else {
                throw .malformed("ZIP entry lies outside the file")
            }
            guard sizes.uncompressed <= UInt64(Int32.max) else { throw .tooLarge }
            let path = String(decoding: bytes[nameStart..<extraStart], as: UTF8.self)
            let key = path.lowercased()
            if !path.hasSuffix("/"), entries[key] == nil {
                entries[key] = Entry(
                    path: path,
                    method: bytes.uint16(at: position + 10),
                    flags: bytes.uint16(at: position + 8),
                    crc32: bytes.uint32(at: position + 16),
                    compressedSize: Int(sizes.compressed),
                    uncompressedSize: Int(sizes.uncompressed),
                    localHeaderOffset: Int(sizes.offset)
                )
            }
            position = next
        }
    }

    /// The uncompressed bytes of the entry at `path`, or nil when there is none; its size counts against `budget`.
    func read(_ path: String, budget: inout ExtractionBudget) throws(XLSXError) -> Data? {
        guard let entry = entries[path.lowercased()] else { return nil }
        guard entry.flags & 1 == 0 else { throw .malformed("\(path) is encrypted") }
        guard entry.uncompressedSize <= budget.remaining else { throw .tooLarge }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, bytes.uint32(at: header) == 0x0403_4B50 else {
            throw .malformed("\(path): local header is damaged")
        }
        let dataStart = header + 30 + Int(bytes.uint16(at: header + 26)) + Int(bytes.uint16(at: header + 28))
        guard dataStart + entry.compressedSize <= bytes.count else { throw .malformed("\(path) is truncated") }
        let raw = bytes[dataStart..<dataStart + entry.compressedSize]
        let output: Data
        let checksum: CRC32
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw .malformed("\(path): sizes disagree") }
            output = Data(raw)
            checksum = output.crc32(checksum: 0)
        case 8:
            (output, checksum) = try inflate(raw, entry: entry, limit: budget.remaining)
        default:
            throw .malformed("\(path) uses compression method \(entry.method)")
        }
        guard output.count == entry.uncompressedSize else { throw .malformed("\(path): size differs from its header") }
        guard checksum == entry.crc32 else { throw .malformed("\(path): CRC mismatch") }
        budget.remaining -= output.count
        return output
    }

    private enum Stop: Error { case overSize, endOfEntry }

    private func inflate(_ raw: ArraySlice<UInt8>, entry: Entry, limit: Int) throws(XLSXError) -> (Data, CRC32) {
        let chunk = 64 * 1024
        var output = Data()
        output.reserveCapacity(entry.uncompressedSize)
        do {
            let checksum = try Data.decompress(
                size: Int64(raw.count), bufferSize: chunk, skipCRC32: false,
                provider: { position, size in
                    // The Linux decoder asks for more until zlib reports the stream's end and tells zlib the chunk
                    // holds `size` bytes whatever it returns: stop at the entry's end, and pad short chunks.
                    guard size > 0 else { return Data() }
                    let start = raw.startIndex + Int(position)
                    guard position >= 0, start < raw.endIndex else { throw Stop.endOfEntry }
                    var data = Data(raw[start..<min(raw.endIndex, start + size)])
                    if data.count < size { data.append(Data(count: size - data.count)) }
                    return data
                },
                consumer: { data in
                    // Output beyond the declared size is a bomb's mark: stop there rather than at the budget.
                    guard output.count + data.count <= min(limit, entry.uncompressedSize) else { throw Stop.overSize }
                    output.append(data)
                }
            )
            return (output, checksum)
        } catch Stop.overSize {
            throw .tooLarge
        } catch {
            throw .malformed("\(entry.path): deflate data is damaged")
        }
    }

    /// The offset of the end‑of‑central‑directory record, searched backwards over the longest possible comment.
    private static func endOfCentralDirectory(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes[position] == 0x50, bytes.uint32(at: position) == 0x0605_4B50,
                position + 22 + Int(bytes.uint16(at: position + 20)) <= bytes.count
            {
                return position
            }
            position -= 1
        }
        return nil
    }

    private static func directoryLocation(in bytes: [UInt8], endRecord end: Int)
        throws(XLSXError) -> (offset: Int, size: Int, count: Int)
    {
        var count = UInt64(bytes.uint16(at: end + 10))
        var size = UInt64(bytes.uint32(at: end + 12))
        var offset = UInt64(bytes.uint32(at: end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            let locator = end - 20
            guard locator >= 0, bytes.uint32(at: locator) == 0x0706_4B50 else {
                throw .malformed("ZIP64 locator is missing")
            }
            let record64 = bytes.uint64(at: locator + 8)
            guard bytes.count >= 56, record64 <= UInt64(bytes.count - 56),
                bytes.uint32(at: Int(record64)) == 0x0606_4B50
            else {
                throw .malformed("ZIP64 end record is damaged")
            }
            count = bytes.uint64(at: Int(record64) + 32)
            size = bytes.uint64(at: Int(record64) + 40)
            offset = bytes.uint64(at: Int(record64) + 48)
        }
        guard count <= UInt64(maxEntries) else { throw .tooLarge }
        guard offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else {
            throw .malformed("ZIP central directory lies outside the file")
        }
        return (Int(offset), Int(size), Int(count))
    }

    /// Replaces the 32‑bit fields that are saturated with their values from the ZIP64 extra field, in its fixed order.
    private static func applyZip64(
        _ extra: ArraySlice<UInt8>, to sizes: inout (uncompressed: UInt64, compressed: UInt64, offset: UInt64)
    ) {
        var position = extra.startIndex
        while position + 4 <= extra.endIndex {
            let id = extra.uint16(at: position)
            let length = Int(extra.uint16(at: position + 2))
            let body = position + 4
            guard body + length <= extra.endIndex else { return }
            if id == 0x0001 {
                var field = body
                func take(_ value: inout UInt64) {
                    guard value == 0xFFFF_FFFF, field + 8 <= body + length else { return }
                    value = extra.uint64(at: field)
                    field += 8
                }
                take(&sizes.uncompressed)
                take(&sizes.compressed)
                take(&sizes.offset)
                return
            }
            position = body + length
        }
    }
}

extension Collection<UInt8> where Index == Int {
    /// Little‑endian integers at `offset`; callers check bounds, and reads past the end give zero bytes rather than trap.
    fileprivate func uint16(at offset: Int) -> UInt16 {
        UInt16(byte(offset)) | UInt16(byte(offset + 1)) << 8
    }

    fileprivate func uint32(at offset: Int) -> UInt32 {
        UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
    }

    fileprivate func uint64(at offset: Int) -> UInt64 {
        UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32
    }

    private func byte(_ offset: Int) -> UInt8 {
        offset >= startIndex && offset < endIndex ? self[offset] : 0
    }
}
