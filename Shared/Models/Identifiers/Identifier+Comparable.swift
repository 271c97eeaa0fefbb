import Foundation

/// Identifiers order by their 16 bytes, exactly as PostgreSQL orders `uuid` values, so keyset pagination
/// computed in Swift agrees with `ORDER BY id`. For UUIDv7 identifiers this is creation order
/// (to the millisecond).
extension Identifier: Comparable {
    /// Byte-wise (unsigned, big-endian) comparison of the two UUIDs.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        withUnsafeBytes(of: lhs.uuid.uuid) { left in
            withUnsafeBytes(of: rhs.uuid.uuid) { right in
                left.lexicographicallyPrecedes(right)
            }
        }
    }
}
