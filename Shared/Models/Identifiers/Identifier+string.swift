import Foundation

/// Identifiers read and print as lowercase UUID strings, the form PostgreSQL prints and RFC 9562
/// recommends, so a value copied from a log matches the database literally.
/// Conforming to `LosslessStringConvertible` lets HTTP routers parse path parameters straight into a typed id.
extension Identifier: LosslessStringConvertible {
    /// Parses a UUID string in either case; `nil` when it is not a UUID.
    public init?(_ description: String) {
        guard let uuid = UUID(uuidString: description) else { return nil }
        self.init(uuid)
    }

    /// The lowercase UUID string (``Foundation/UUID/canonicalString``).
    public var description: String {
        uuid.canonicalString
    }
}
