/// An error from PostgreSQL or from the client, carrying the SQLSTATE when the server sent one.
///
/// Its text is built only from fields that never hold parameter values (SQLSTATE, constraint,
/// schema, table, column and type names), because a value bound by the caller may be a child's
/// personal data and errors end up in logs.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that react to it.
    public enum Kind: Sendable, Equatable {
        /// A unique or primary key constraint was violated (23505).
        case uniqueViolation
        /// A foreign key constraint was violated (23503).
        case foreignKeyViolation
        /// A check constraint was violated (23514).
        case checkViolation
        /// A NOT NULL constraint was violated (23502).
        case notNullViolation
        /// An exclusion constraint was violated (23P01), e.g. overlapping bookings.
        case exclusionViolation
        /// The transaction could not be serialized (40001); retrying it may succeed.
        case serializationFailure
        /// A deadlock was detected (40P01); retrying the transaction may succeed.
        case deadlockDetected
        /// The statement was cancelled (57014): by the caller's task cancellation or a timeout.
        case queryCanceled
        /// The server closed or lost the connection, or it could not be opened (class 08, 57P01–57P03).
        case connectionFailure
        /// No pooled connection became free within the pool's acquire timeout.
        case poolTimeout
        /// The pool was shut down.
        case poolClosed
        /// A value in a result could not be decoded into the requested Swift type.
        case decodingFailure
        /// A value could not be encoded as a parameter.
        case encodingFailure
        /// Any other server error; see `sqlState`.
        case server
    }

    /// What went wrong.
    public var kind: Kind
    /// The five-character SQLSTATE sent by the server, if any.
    public var sqlState: String?
    /// The constraint that was violated, if the server named one.
    public var constraint: String?
    /// The schema involved, if the server named one.
    public var schema: String?
    /// The table involved, if the server named one.
    public var table: String?
    /// The column involved, if the server named one.
    public var column: String?
    /// A fixed explanation written by this client (never server text that could echo values).
    public var reason: String

    /// Creates an error.
    public init(
        _ kind: Kind,
        sqlState: String? = nil,
        reason: String,
        constraint: String? = nil,
        schema: String? = nil,
        table: String? = nil,
        column: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.reason = reason
        self.constraint = constraint
        self.schema = schema
        self.table = table
        self.column = column
    }

    /// True for failures that a fresh transaction may not hit again.
    public var isTransient: Bool {
        kind == .serializationFailure || kind == .deadlockDetected
    }

    /// The error in one line, without any parameter value.
    public var description: String {
        var parts = ["PostgresError.\(kind)"]
        if let sqlState { parts.append("sqlstate=\(sqlState)") }
        parts.append(reason)
        if let schema { parts.append("schema=\(schema)") }
        if let table { parts.append("table=\(table)") }
        if let column { parts.append("column=\(column)") }
        if let constraint { parts.append("constraint=\(constraint)") }
        return parts.joined(separator: " ")
    }
}
