import Foundation

/// A statement and its parameters.
///
/// Written as a string literal, every interpolated value becomes a bound parameter (`$1`, `$2`, …),
/// so a value can never become SQL:
///
/// ```swift
/// let rows = try await connection.query("SELECT name FROM intake.referrals WHERE id = \(id)")
/// ```
///
/// Identifiers that must be spliced (a schema name from configuration) go through
/// `\(identifier:)`, which quotes them.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    /// The SQL text with `$n` placeholders.
    public var sql: String
    /// The parameters, in placeholder order.
    public var binds: [any PostgresEncodable]
    /// Whether the connection should prepare the statement once and reuse it: for hot paths.
    public var isPrepared: Bool

    /// Creates a query from SQL with `$n` placeholders and its parameters.
    ///
    /// The label is required on purpose: `PostgresQuery("…\(value)")` without it is a literal,
    /// whose interpolations become parameters, and the two must never be confused.
    public init(sql: String, binds: [any PostgresEncodable] = [], prepared: Bool = false) {
        self.sql = sql
        self.binds = binds
        self.isPrepared = prepared
    }

    /// Creates a query from a literal without interpolations.
    public init(stringLiteral value: String) {
        self.init(sql: value)
    }

    /// Creates a query from an interpolated literal.
    public init(stringInterpolation: StringInterpolation) {
        self.init(sql: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    /// The same query, prepared once per connection and reused.
    public var prepared: PostgresQuery {
        var copy = self
        copy.isPrepared = true
        return copy
    }

    /// Collects literal SQL and turns interpolated values into placeholders.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [any PostgresEncodable] = []

        /// Reserves room for the literal parts.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
        }

        /// Appends literal SQL.
        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Appends a value as the next bound parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Appends an optional value as the next bound parameter (NULL when `nil`), typed by its
        /// wrapped type; a separate overload so optionals need no cast at the call site.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Appends a fragment of SQL written in the source (a shared column list, say): a
        /// `StaticString`, so no runtime value can ever take this path.
        public mutating func appendInterpolation(unescaped fragment: StaticString) {
            sql += fragment.description
        }

        /// Appends an identifier (schema, table, channel), double-quoted so it stays one name.
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }
    }

    /// Quotes an identifier the way PostgreSQL's `quote_ident` does.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
