import Foundation
@testable import Postgres
import Testing

@Suite("PostgresQuery")
struct PostgresQueryTests {
    /// The text each bind is sent as.
    static func texts(_ query: PostgresQuery) throws -> [String?] {
        try query.binds.map { try $0.postgresText() }
    }

    /// The type OID each bind is sent with.
    static func oids(_ query: PostgresQuery) -> [UInt32] {
        query.binds.map { type(of: $0).postgresDataType.oid }
    }

    @Test("interpolated values become $1, $2, … in order, with their types")
    func interpolation() throws {
        let id = UUID(uuidString: "0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")!
        let note: String? = nil
        // `as String?` states that NULL is meant, which silences the optional-interpolation warning.
        let query: PostgresQuery = "UPDATE t SET a = \(42), b = \("x'); DROP TABLE t; --"), c = \(note) WHERE id = \(id) AND ok = \(true)"
        #expect(query.sql == "UPDATE t SET a = $1, b = $2, c = $3 WHERE id = $4 AND ok = $5")
        #expect(try Self.texts(query) == ["42", "x'); DROP TABLE t; --", nil, "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "t"])
        #expect(Self.oids(query) == [20, 0, 0, 2950, 16])
        #expect(!query.isPrepared)
    }

    @Test("numbering continues past nine and reuses nothing")
    func manyBinds() {
        let query: PostgresQuery = "SELECT \(1), \(2), \(3), \(4), \(5), \(6), \(7), \(8), \(9), \(10), \(11)"
        #expect(query.sql == "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11")
        #expect(query.binds.count == 11)
    }

    @Test(
        "identifiers are double-quoted with embedded quotes doubled, and take no placeholder",
        arguments: [("intake", #""intake""#), (#"we"ird"#, #""we""ird""#), (#"""#, #""""""#), ("", #""""#), ("Схема 1", #""Схема 1""#)]
    )
    func identifier(name: String, quoted: String) {
        let query: PostgresQuery = "SELECT \(1) FROM \(identifier: name).t WHERE x = \(2)"
        #expect(query.sql == "SELECT $1 FROM \(quoted).t WHERE x = $2")
        #expect(query.binds.count == 2)
        #expect(PostgresQuery.quoteIdentifier(name) == quoted)
    }

    @Test("a literal without interpolations has no binds and keeps its text")
    func literal() {
        let query: PostgresQuery = "SELECT '$1', $$x$$"
        #expect(query.sql == "SELECT '$1', $$x$$")
        #expect(query.binds.isEmpty)
    }

    @Test("init(sql:binds:) keeps the SQL untouched, placeholders and all")
    func explicitSQL() throws {
        let query = PostgresQuery(sql: #"SELECT $2::int, $1, '\(x)'"#, binds: ["a", 7])
        #expect(query.sql == #"SELECT $2::int, $1, '\(x)'"#)
        #expect(try Self.texts(query) == ["a", "7"])
        #expect(!query.isPrepared)
        #expect(PostgresQuery(sql: "SELECT 1", prepared: true).isPrepared)
    }

    @Test(".prepared marks the query for reuse and changes nothing else")
    func prepared() throws {
        let query: PostgresQuery = "SELECT * FROM t WHERE id = \(5)"
        let prepared = query.prepared
        #expect(prepared.isPrepared)
        #expect(prepared.sql == query.sql)
        #expect(try Self.texts(prepared) == ["5"])
    }
}
