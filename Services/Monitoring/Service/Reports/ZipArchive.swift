import Foundation

/// A ZIP archive of stored (uncompressed) entries, as an XLSX package needs: local headers,
/// the data, a central directory and its end record (APPNOTE 6.3.3), CRC-32 per entry. Stored
/// entries keep this small and exact; a report's sheet is a few kilobytes.
struct ZipArchive {
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    /// Adds a file at `path` (forward slashes) with `contents`.
    mutating func add(_ path: String, _ contents: [UInt8]) {
        let name = Array(path.utf8)
        let crc = Self.crc32(contents)
        let offset = UInt32(body.count)
        // Local file header: version 2.0, UTF-8 names (bit 11), stored, a fixed DOS time (1980-01-01).
        body += Self.le32(0x0403_4B50) + Self.le16(20) + Self.le16(0x0800) + Self.le16(0) + Self.le16(0) + Self.le16(0x0021)
        body += Self.le32(crc) + Self.le32(UInt32(contents.count)) + Self.le32(UInt32(contents.count))
        body += Self.le16(UInt16(name.count)) + Self.le16(0) + name + contents
        directory += Self.le32(0x0201_4B50) + Self.le16(20) + Self.le16(20) + Self.le16(0x0800) + Self.le16(0) + Self.le16(0) + Self.le16(0x0021)
        directory += Self.le32(crc) + Self.le32(UInt32(contents.count)) + Self.le32(UInt32(contents.count))
        directory += Self.le16(UInt16(name.count)) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le32(0) + Self.le32(offset) + name
        count += 1
    }

    /// The archive's bytes.
    var bytes: [UInt8] {
        body + directory + Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(UInt16(count)) + Self.le16(UInt16(count))
            + Self.le32(UInt32(directory.count)) + Self.le32(UInt32(body.count)) + Self.le16(0)
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    /// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as ZIP requires.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }
}
