import Foundation

/// A typed identifier: a UUID that only compares, hashes and converts with identifiers of the same entity.
///
/// `Tag` is a phantom type (one of the caseless enums in ``Entities``): it is never stored, it only keeps
/// a `CaseID` from being passed where a `ReferralID` is expected. On the wire and in the database the
/// identifier is a plain UUID.
public struct Identifier<Tag>: Hashable, Sendable {
    /// The underlying UUID, as stored in PostgreSQL `uuid` columns.
    public let uuid: UUID

    /// Wraps an existing UUID, e.g. one read back from the database.
    public init(_ uuid: UUID) {
        self.uuid = uuid
    }

    /// A new time-ordered (UUIDv7) identifier, so rows inserted together land together in B-tree indexes.
    ///
    /// - Parameter date: the creation instant encoded in the identifier; tests pass a fixed one.
    public static func make(at date: Date = Date()) -> Self {
        Self(.v7(at: date))
    }
}
