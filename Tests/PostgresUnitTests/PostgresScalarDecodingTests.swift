import Foundation
@testable import Postgres
import Testing

@Suite("Decoding scalar columns")
struct PostgresScalarDecodingTests {
    @Test(
        "int8 accepts its whole range, a sign and -0",
        arguments: [
            ("0", 0), ("-0", 0), ("+5", 5), ("-5", -5), ("007", 7),
            ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
        ] as [(String, Int64)]
    )
    func int64Valid(text: String, value: Int64) throws {
        #expect(try decode(Int64.self, text) == value)
        #expect(try decode(Int.self, text) == Int(value))
    }

    @Test(
        "int4 and int2 accept exactly their bounds",
        arguments: [("2147483647", Int64(Int32.max)), ("-2147483648", Int64(Int32.min)), ("32767", 32767), ("-32768", -32768)]
    )
    func narrowValid(text: String, value: Int64) throws {
        #expect(try decode(Int32.self, text) == Int32(value))
        if let narrow = Int16(exactly: value) { #expect(try decode(Int16.self, text) == narrow) }
    }

    @Test(
        "integers reject overflow, empty text, a lone sign and non-digits",
        arguments: [
            "9223372036854775808", "-9223372036854775809", "99999999999999999999", "", "-", "+", "--1", "+-1",
            "1 ", " 1", "1.0", "1e3", "0x10", "١", "12a", "\u{0}",
        ]
    )
    func int64Invalid(text: String) {
        #expect(Self.kindOfFailure(Int64.self, text) == .decodingFailure)
        #expect(Self.kindOfFailure(Int.self, text) == .decodingFailure)
    }

    @Test(
        "int4 and int2 reject one past their bounds",
        arguments: [("2147483648", false), ("-2147483649", false), ("4294967296", false), ("32768", true), ("-32769", true)]
    )
    func narrowOverflow(text: String, fitsInt32: Bool) {
        #expect(Self.kindOfFailure(Int16.self, text) == .decodingFailure)
        #expect(Self.kindOfFailure(Int32.self, text) == (fitsInt32 ? nil : .decodingFailure))
    }

    @Test("bool accepts only t and f", arguments: ["", "true", "T", "F", "1", "0", "tt", "t ", "yes"])
    func boolInvalid(text: String) {
        #expect(Self.kindOfFailure(Bool.self, text) == .decodingFailure)
    }

    @Test("float8 reads PostgreSQL's output", arguments: [
        ("1.5", 1.5), ("-2.25e-05", -2.25e-05), ("1e+308", 1e308), ("0.30000000000000004", 0.30000000000000004),
        ("Infinity", .infinity), ("-Infinity", -.infinity),
    ])
    func doubleValid(text: String, value: Double) throws {
        #expect(try decode(Double.self, text) == value)
    }

    @Test("float8 rejects what is not a number", arguments: ["", "abc", "1.5x", " 1.5", "1,5"])
    func doubleInvalid(text: String) {
        #expect(Self.kindOfFailure(Double.self, text) == .decodingFailure)
    }

    @Test("uuid rejects what is not a UUID", arguments: ["", "0193a1b2", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5bx"])
    func uuidInvalid(text: String) {
        #expect(Self.kindOfFailure(UUID.self, text) == .decodingFailure)
    }

    @Test("bytea rejects anything but even-length hex after \\x", arguments: ["", "x", #"\"#, #"\x0"#, #"\xg0"#, #"\x0g"#, "0x00", #"\X00"#, #"\x00 "#])
    func byteaInvalid(text: String) {
        #expect(Self.kindOfFailure(Data.self, text) == .decodingFailure)
    }

    @Test("strings decode any bytes, replacing invalid UTF-8")
    func strings() throws {
        #expect(try decode(String.self, "Ұлы Дала 🇰🇿") == "Ұлы Дала 🇰🇿")
        #expect(try decode(String.self, bytes: [0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
    }

    /// The kind of `PostgresError` decoding `text` as `type` throws, or `nil` if it decodes;
    /// any other error is recorded as an issue.
    static func kindOfFailure<Value: PostgresDecodable>(_ type: Value.Type, _ text: String) -> PostgresError.Kind? {
        do {
            _ = try decode(type, text)
            return nil
        } catch let error as PostgresError {
            return error.kind
        } catch {
            Issue.record("decoding \(Value.self) threw \(error)")
            return nil
        }
    }
}
