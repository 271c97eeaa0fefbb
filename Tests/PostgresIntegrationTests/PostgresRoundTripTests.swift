import Foundation
import Postgres
import Testing
import TestSupport

/// A Codable document stored as jsonb.
private struct Note: Codable, Equatable, Sendable {
    var title: String
    var written: Date
    var tags: [String]
}

@Suite("Binding and decoding round trips", .freshDatabase)
struct PostgresRoundTripTests {
    /// Sends a value as a parameter, has the server cast it to `sqlType` and return it, and decodes it.
    private func roundTrip<T: PostgresCodable>(_ value: T, as sqlType: String) async throws -> T {
        let pool = try TestDatabase.required().makePool(maxConnections: 1)
        defer { Task { await pool.close() } }
        let rows = try await pool.query(PostgresQuery(sql: "SELECT $1::\(sqlType)", binds: [value]))
        return try #require(rows.single).decode(T.self, at: 0)
    }

    static let texts = [
        "", "plain", "Ребёнок, 14 лет", "Қазақ тілі: ә ғ қ ң ө ұ ү һ і", "emoji 👩‍👧", "quote ' and \" and \\ backslash",
        "Robert'); DROP TABLE students;--", "1; SELECT pg_sleep(10)", "$1 $2 ::text", "{\"a\",NULL}", "NULL",
    ]

    @Test("text, including Cyrillic, Kazakh and injection-shaped strings", arguments: texts)
    func text(_ value: String) async throws {
        #expect(try await roundTrip(value, as: "text") == value)
    }

    @Test("integers at their limits", arguments: [Int.min, -1, 0, 1, Int.max])
    func int(_ value: Int) async throws {
        #expect(try await roundTrip(value, as: "int8") == value)
        #expect(try await roundTrip(Int64(value), as: "int8") == Int64(value))
    }

    @Test("int4 at its limits", arguments: [Int32.min, 0, Int32.max])
    func int32(_ value: Int32) async throws {
        #expect(try await roundTrip(value, as: "int4") == value)
    }

    @Test("float8 exactly, including the special values", arguments: [0.1, -1.5e-300, 1.7976931348623157e308, .infinity, -.infinity])
    func double(_ value: Double) async throws {
        #expect(try await roundTrip(value, as: "float8") == value)
    }

    @Test("float8 NaN")
    func nan() async throws {
        #expect(try await roundTrip(Double.nan, as: "float8").isNaN)
    }

    @Test("bool", arguments: [true, false])
    func bool(_ value: Bool) async throws {
        #expect(try await roundTrip(value, as: "bool") == value)
    }

    @Test("uuid")
    func uuid() async throws {
        let value = UUID()
        #expect(try await roundTrip(value, as: "uuid") == value)
    }

    @Test("timestamptz to the microsecond, before and after 1970", arguments: [
        Date(timeIntervalSince1970: 1_795_000_000.123456), Date(timeIntervalSince1970: -86_400 * 365.25 * 20 + 0.5),
        Date(timeIntervalSince1970: 951_782_400), .distantFuture, .distantPast,
    ])
    func timestamp(_ value: Date) async throws {
        let decoded = try await roundTrip(value, as: "timestamptz")
        #expect(abs(decoded.timeIntervalSince1970 - value.timeIntervalSince1970) < 0.000_001)
    }

    @Test("bytea, including every byte value")
    func bytea() async throws {
        let value = Data((0...255).map(UInt8.init) + [0, 0, 92, 120])
        #expect(try await roundTrip(value, as: "bytea") == value)
        #expect(try await roundTrip(Data(), as: "bytea") == Data())
    }

    @Test("jsonb of a Codable value")
    func json() async throws {
        let note = Note(title: "Согласие отозвано «законным представителем»", written: Date(timeIntervalSince1970: 1_795_000_000.25), tags: ["ә", "\"q\""])
        #expect(try await roundTrip(PostgresJSON(note), as: "jsonb").value == note)
    }

    @Test("arrays of every type, with NULL elements and awkward text")
    func arrays() async throws {
        let texts: [String?] = ["a,b", "{}", "\"", "\\", nil, "NULL", "", " spaced ", "Қ"]
        #expect(try await roundTrip(texts, as: "text[]") == texts)
        #expect(try await roundTrip([1, -2, Int.max], as: "int8[]") == [1, -2, Int.max])
        #expect(try await roundTrip([Int32(7), nil], as: "int4[]") == [Int32(7), nil])
        #expect(try await roundTrip([0.5, -2.25], as: "float8[]") == [0.5, -2.25])
        #expect(try await roundTrip([true, false], as: "bool[]") == [true, false])
        let ids = [UUID(), UUID()]
        #expect(try await roundTrip(ids, as: "uuid[]") == ids)
        let blobs = [Data([0, 1, 2]), Data([255])]
        #expect(try await roundTrip(blobs, as: "bytea[]") == blobs)
        let dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_000_000.5)]
        #expect(try await roundTrip(dates, as: "timestamptz[]") == dates)
        let documents = [PostgresJSON(["k": "ә,{}\""]), PostgresJSON(["x": "y"])]
        #expect(try await roundTrip(documents, as: "jsonb[]") == documents)
        #expect(try await roundTrip([String](), as: "text[]") == [])
    }

    @Test("NULL of every type decodes as nil")
    func nulls() async throws {
        #expect(try await roundTrip(String?.none, as: "text") == nil)
        #expect(try await roundTrip(Int?.none, as: "int8") == nil)
        #expect(try await roundTrip(Int32?.none, as: "int4") == nil)
        #expect(try await roundTrip(Double?.none, as: "float8") == nil)
        #expect(try await roundTrip(Bool?.none, as: "bool") == nil)
        #expect(try await roundTrip(UUID?.none, as: "uuid") == nil)
        #expect(try await roundTrip(Date?.none, as: "timestamptz") == nil)
        #expect(try await roundTrip(Data?.none, as: "bytea") == nil)
        #expect(try await roundTrip(PostgresJSON<Note>?.none, as: "jsonb") == nil)
        #expect(try await roundTrip([Int]?.none, as: "int8[]") == nil)
    }

    @Test("a NULL decoded as a non-optional type is a decoding error naming the column")
    func nullIntoNonOptional() async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 1)
        defer { Task { await pool.close() } }
        let row = try #require(try await pool.query("SELECT NULL::int8 AS missing").single)
        let error = try #require(throws: PostgresError.self) { try row.decode(Int.self, named: "missing") }
        #expect(error.kind == .decodingFailure)
    }

    @Test("injection-shaped strings are stored verbatim and the table survives", arguments: texts)
    func storedVerbatim(_ value: String) async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 1)
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE students (id serial PRIMARY KEY, name text NOT NULL)")
        try await pool.query("INSERT INTO students (name) VALUES (\(value))")
        let stored = try await pool.query("SELECT name FROM students WHERE name = \(value)")
        #expect(stored.count == 1)
        #expect(try stored[0].decode(String.self, at: 0) == value)
        #expect(try await pool.query("SELECT count(*) FROM students").single?.decode(Int.self, at: 0) == 1)
    }

    @Test("prepared statements bind and decode like unprepared ones, and are reused")
    func prepared() async throws {
        let pool = try TestDatabase.required().makePool(maxConnections: 1)
        defer { Task { await pool.close() } }
        try await pool.query("CREATE TABLE counters (id int8 PRIMARY KEY, label text)")
        for id in 1...20 {
            try await pool.query(PostgresQuery(sql: "INSERT INTO counters VALUES ($1, $2)", binds: [id, "№\(id)"], prepared: true))
        }
        let row = try #require(try await pool.query(PostgresQuery(sql: "SELECT label FROM counters WHERE id = $1", binds: [7]).prepared).single)
        #expect(try row.decode(String.self, at: 0) == "№7")
        let statements = try await pool.query("SELECT count(*) FROM pg_prepared_statements").single?.decode(Int.self, at: 0)
        #expect(statements == 2)
    }
}
