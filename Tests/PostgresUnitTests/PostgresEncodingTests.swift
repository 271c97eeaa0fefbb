import Foundation
@testable import Postgres
import Testing
import TestSupport

/// A JSON document with a date, as services store them in `jsonb` columns.
private struct Note: Codable, Equatable {
    var text: String
    var at: Date
}

@Suite("Encoding parameters")
struct PostgresEncodingTests {
    @Test(
        "doubles use PostgreSQL's spelling of the special values and read back exactly",
        arguments: [
            (Double.nan, "NaN"), (.infinity, "Infinity"), (-.infinity, "-Infinity"),
            (0.1, "0.1"), (-0.0, "-0.0"), (1e300, "1e+300"), (.leastNonzeroMagnitude, "5e-324"), (123.0, "123.0"),
        ]
    )
    func doubles(value: Double, text: String) throws {
        #expect(value.postgresText() == text)
        let decoded = try decode(Double.self, text)
        #expect(decoded.bitPattern == value.bitPattern || (decoded.isNaN && value.isNaN))
    }

    @Test("bytea is lower-case hex behind \\x and decodes either case")
    func bytea() throws {
        let data = Data([0x00, 0x0F, 0xAB, 0xFF, 0x7E])
        #expect(data.postgresText() == #"\x000fabff7e"#)
        #expect(Data().postgresText() == #"\x"#)
        #expect(try decode(Data.self, #"\x000FabFF7e"#) == data)
        #expect(try decode(Data.self, #"\x"#) == Data())
    }

    @Test("bytea round-trips random bytes")
    func byteaRoundTrip() throws {
        var random = SeededGenerator(seed: 0xB17E)
        for _ in 0..<200 {
            let data = Data(random.bytes(maxCount: 64))
            #expect(try decode(Data.self, data.postgresText()!) == data)
        }
    }

    @Test("UUIDs are sent in lower case")
    func uuid() throws {
        let uuid = UUID(uuidString: "0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")!
        #expect(uuid.postgresText() == "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        #expect(try decode(UUID.self, "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b") == uuid)
    }

    @Test("booleans are t and f", arguments: [(true, "t"), (false, "f")])
    func bool(value: Bool, text: String) throws {
        #expect(value.postgresText() == text)
        #expect(try decode(Bool.self, text) == value)
    }

    @Test("integers are decimal digits of their own width")
    func integers() {
        #expect(Int.min.postgresText() == "-9223372036854775808")
        #expect(Int64.max.postgresText() == "9223372036854775807")
        #expect(Int32.min.postgresText() == "-2147483648")
        #expect(Int16.max.postgresText() == "32767")
        #expect([Int.postgresDataType, Int64.postgresDataType, Int32.postgresDataType, Int16.postgresDataType]
            == [.int8, .int8, .int4, .int2])
    }

    @Test("strings are sent as themselves with type unknown")
    func strings() {
        #expect("Әлия 👧🏽 \"x\"".postgresText() == "Әлия 👧🏽 \"x\"")
        #expect(String.postgresDataType == .unknown)
    }

    @Test("an optional is sent as its wrapped type, nil as SQL NULL")
    func optionals() throws {
        #expect(try (nil as Int?).postgresText() == nil)
        #expect(try (Optional(7) as Int?).postgresText() == "7")
        #expect(Int?.postgresDataType == .int8)
        #expect(Int?.postgresNull == .some(nil))
        #expect(Int.postgresNull == nil)
    }

    @Test("arrays of optionals quote values, write NULL and take the array type's OID")
    func arrays() throws {
        #expect(try [1, nil, -3].postgresText() == #"{"1",NULL,"-3"}"#)
        #expect(try ["a\"b", nil].postgresText() == #"{"a\"b",NULL}"#)
        #expect(try [Data([0xAB])].postgresText() == #"{"\\xab"}"#)
        #expect([Int?].postgresDataType.oid == 1016)
        #expect([String].postgresDataType.oid == 1009)
        #expect([UUID].postgresDataType.oid == 2951)
        #expect(try decode([Data].self, #"{"\\xab"}"#) == [Data([0xAB])])
    }

    @Test("JSON documents write dates as ISO text with microseconds and read them back")
    func json() throws {
        let note = Note(text: "Қ\"/", at: Date(timeIntervalSince1970: 1_795_484_362.5))
        let text = try PostgresJSON(note).postgresText()
        // Key order is jsonb's business; the members and their spelling are ours.
        let members = try #require(try JSONSerialization.jsonObject(with: Data(text!.utf8)) as? [String: String])
        #expect(members == ["at": "2026-11-24T01:39:22.500000Z", "text": "Қ\"/"])
        #expect(text!.contains(#""Қ\"/""#), "slashes are not escaped")
        #expect(try decode(PostgresJSON<Note>.self, text!).value == note)
        #expect(PostgresJSON<Note>.postgresDataType == .jsonb)
    }

    @Test("a JSON document with an invalid date fails to decode", arguments: [
        #"{"at":"2026-02-30T00:00:00Z","text":""}"#, #"{"at":"yesterday","text":""}"#, #"{"text":""}"#, "",
    ])
    func jsonFailure(text: String) {
        let error = #expect(throws: PostgresError.self) { try decode(PostgresJSON<Note>.self, text) }
        #expect(error?.kind == .decodingFailure)
    }
}

@Suite("Dates PostgreSQL cannot store")
struct UnstorableDateTests {
    // Seconds since 1970, not dates: Foundation cannot even describe a NaN date.
    @Test("non-finite and out-of-range dates are encoding errors, not crashes", arguments: [Double.nan, .infinity, -1e15, 1e15])
    func rejected(_ secondsSince1970: Double) {
        #expect(throws: PostgresError.self) { try Date(timeIntervalSince1970: secondsSince1970).postgresText() }
    }
}
