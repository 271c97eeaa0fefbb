/// A PostgreSQL type by its OID, with the OID of its one-dimensional array type.
///
/// Parameters are sent with their type so the server needs no guessing; strings are sent as
/// `unknown` (OID 0) so that, like a quoted literal, they fit any column type they are valid for.
public struct PostgresDataType: Sendable, Hashable {
    /// The type's OID in `pg_type`.
    public var oid: UInt32
    /// The OID of the array type whose elements are this type (0 if none is known).
    public var arrayOID: UInt32

    /// Creates a type from its OIDs.
    public init(oid: UInt32, arrayOID: UInt32) {
        self.oid = oid
        self.arrayOID = arrayOID
    }

    /// Let the server infer the type from context, as for a quoted literal.
    public static let unknown = PostgresDataType(oid: 0, arrayOID: 1009)
    /// `text`.
    public static let text = PostgresDataType(oid: 25, arrayOID: 1009)
    /// `bool`.
    public static let bool = PostgresDataType(oid: 16, arrayOID: 1000)
    /// `int2`.
    public static let int2 = PostgresDataType(oid: 21, arrayOID: 1005)
    /// `int4`.
    public static let int4 = PostgresDataType(oid: 23, arrayOID: 1007)
    /// `int8`.
    public static let int8 = PostgresDataType(oid: 20, arrayOID: 1016)
    /// `float8`.
    public static let float8 = PostgresDataType(oid: 701, arrayOID: 1022)
    /// `uuid`.
    public static let uuid = PostgresDataType(oid: 2950, arrayOID: 2951)
    /// `timestamptz`.
    public static let timestamptz = PostgresDataType(oid: 1184, arrayOID: 1185)
    /// `bytea`.
    public static let bytea = PostgresDataType(oid: 17, arrayOID: 1001)
    /// `jsonb`.
    public static let jsonb = PostgresDataType(oid: 3802, arrayOID: 3807)
}
