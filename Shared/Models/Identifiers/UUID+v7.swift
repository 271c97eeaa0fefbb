import Foundation

extension UUID {
    /// The largest Unix time in milliseconds that fits UUIDv7's 48-bit timestamp field (year 10889).
    private static let maximumV7Timestamp: UInt64 = 0xFFFF_FFFF_FFFF

    /// A version 7 UUID (RFC 9562 §5.7) for `date`, random bits from the system's secure generator.
    public static func v7(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return v7(at: date, using: &generator)
    }

    /// A version 7 UUID (RFC 9562 §5.7): 48-bit big-endian Unix milliseconds, version 7, 12 random bits,
    /// the RFC variant `10`, 62 random bits.
    ///
    /// Identifiers made in the same millisecond are in random order among themselves; that is enough for
    /// index locality, and no process-wide counter (shared mutable state) is needed.
    /// The instant is rounded to the nearest millisecond, not down: `Date` holds seconds in a `Double`,
    /// which cannot represent most millisecond values exactly, so flooring would file some of them under
    /// the previous millisecond. Instants before 1970 or after the field's range are clamped rather
    /// than trapping.
    ///
    /// - Parameter generator: the source of the 74 random bits; tests pass a fixed one.
    public static func v7(at date: Date, using generator: inout some RandomNumberGenerator) -> UUID {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let timestamp = UInt64(min(max(milliseconds, 0), Double(maximumV7Timestamp)))
        let randomA: UInt64 = generator.next()
        let randomB: UInt64 = generator.next()

        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { buffer in
            for index in 0..<6 {
                buffer[index] = UInt8(truncatingIfNeeded: timestamp >> (8 * (5 - index)))
            }
            buffer[6] = 0x70 | (UInt8(truncatingIfNeeded: randomA >> 8) & 0x0F)
            buffer[7] = UInt8(truncatingIfNeeded: randomA)
            buffer[8] = 0x80 | (UInt8(truncatingIfNeeded: randomB >> 56) & 0x3F)
            for index in 9..<16 {
                buffer[index] = UInt8(truncatingIfNeeded: randomB >> (8 * (15 - index)))
            }
        }
        return UUID(uuid: bytes)
    }
}
