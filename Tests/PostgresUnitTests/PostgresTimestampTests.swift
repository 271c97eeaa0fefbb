import Foundation
@testable import Postgres
import Testing

/// The instant `seconds` plus `micros` microseconds after 1970-01-01 00:00:00 UTC.
private func instant(_ seconds: Int64, micros: Int64 = 0) -> Date {
    Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(micros) / 1_000_000)
}

@Suite("PostgresTimestamp")
struct PostgresTimestampTests {
    /// Server-shaped text and the instant it names (epoch seconds from an independent source).
    static let known: [(text: String, seconds: Int64, micros: Int64)] = [
        ("1970-01-01 00:00:00.000000+00", 0, 0),
        ("1969-12-31 23:59:59.999999+00", -1, 999_999),
        ("1969-07-20 20:17:40.000000+00", -14_182_940, 0),
        ("1955-11-05 06:15:00.000001+00", -446_751_900, 1),
        ("1900-02-28 23:59:59.000000+00", -2_203_891_201, 0),
        ("1900-03-01 00:00:00.000000+00", -2_203_891_200, 0),
        ("1600-02-29 06:30:00.000000+00", -11_670_975_000, 0),
        ("0001-01-01 00:00:00.000000+00", -62_135_596_800, 0),
        ("1999-12-31 23:59:59.000000+00", 946_684_799, 0),
        ("2000-01-01 00:00:00.000000+00", 946_684_800, 0),
        ("2000-02-29 12:00:00.000000+00", 951_825_600, 0),
        ("2024-02-29 00:00:00.000000+00", 1_709_164_800, 0),
        ("2026-11-24 01:39:22.123456+00", 1_795_484_362, 123_456),
        ("2038-01-19 03:14:08.500000+00", 2_147_483_648, 500_000),
        ("9999-12-31 23:59:59.000000+00", 253_402_300_799, 0),
    ]

    @Test("formats and parses known instants", arguments: known)
    func knownInstants(text: String, seconds: Int64, micros: Int64) {
        #expect(PostgresTimestamp.format(instant(seconds, micros: micros)) == text)
        #expect(parseTimestamp(text) == instant(seconds, micros: micros))
    }

    @Test(
        "parses every shape the server and JSON documents use",
        arguments: [
            ("2026-11-24 01:39:22+00", 0),
            ("2026-11-24 01:39:22.5+00", 500_000),
            ("2026-11-24 01:39:22.123456+00", 123_456),
            ("2026-11-24 01:39:22.000001+00", 1),
            ("2026-11-24 07:09:22+05:30", 0),
            ("2026-11-23 22:39:22-03", 0),
            ("2026-11-23 22:39:22.25-03:00", 250_000),
            ("2026-11-24T01:39:22Z", 0),
            ("2026-11-24T01:39:22.123456Z", 123_456),
            ("2026-11-24T06:39:22+05", 0),
        ]
    )
    func serverShapes(text: String, micros: Int64) {
        #expect(parseTimestamp(text) == instant(1_795_484_362, micros: micros))
    }

    @Test(
        "rejects text that is not a timestamp",
        arguments: [
            "", "2026", "2026-11-24", "2026-11-24 01:39", "2026-11-24 01:39:22",
            "2026-13-01 00:00:00+00", "2026-00-01 00:00:00+00", "2026-11-00 00:00:00+00",
            "2026-11-32 00:00:00+00", "2026-11-24 24:00:00+00", "2026-11-24 23:60:00+00",
            "2026-11-24 01:39:22+00 ", "2026-11-24 01:39:22+00junk", "2026-11-24 01:39:22Zjunk",
            "2026-11-24 01:39:22.+00", "2026-11-24 01:39:22+5", "2026-11-24 01:39:22+05:3",
            "2026-11-24 01:39:22+00:", "2026-11-24  01:39:22+00", "2026/11/24 01:39:22+00",
            "26-11-24 01:39:22+00", "2026-1-24 01:39:22+00", " 2026-11-24 01:39:22+00",
            "2026-11-24x01:39:22+00", "Infinity", "infinity ", "+infinity", "--infinity",
            "2023-02-29 00:00:00+00", "1900-02-29 00:00:00+00", "2026-04-31 00:00:00+00",
            "2026-02-30T00:00:00Z",
        ]
    )
    func rejects(text: String) {
        #expect(parseTimestamp(text) == nil)
    }

    @Test("infinity stands for the distant dates both ways", arguments: [
        ("infinity", Date.distantFuture),
        ("-infinity", Date.distantPast),
    ])
    func infinity(text: String, date: Date) {
        #expect(PostgresTimestamp.format(date) == text)
        #expect(parseTimestamp(text) == date)
    }

    @Test("rounds to the nearest microsecond when formatting", arguments: [
        (0.000_000_4, "1970-01-01 00:00:00.000000+00"),
        (0.000_000_6, "1970-01-01 00:00:00.000001+00"),
        (-0.000_000_6, "1969-12-31 23:59:59.999999+00"),
        (59.999_999_7, "1970-01-01 00:01:00.000000+00"),
    ])
    func rounding(interval: TimeInterval, text: String) {
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: interval)) == text)
    }

    @Test("the JSON form uses T and Z and reads back")
    func jsonForm() {
        let date = instant(1_795_484_362, micros: 42)
        let text = PostgresTimestamp.format(date, separator: "T", utcSuffix: "Z")
        #expect(text == "2026-11-24T01:39:22.000042Z")
        #expect(parseTimestamp(text) == date)
    }

    @Test("Date's codable conformance throws a decoding failure for bad text")
    func dateDecodingFailure() throws {
        #expect(try decode(Date.self, "2024-02-29 00:00:00+00") == instant(1_709_164_800))
        let error = #expect(throws: PostgresError.self) { try decode(Date.self, "2024-02-30 00:00:00+00") }
        #expect(error?.kind == .decodingFailure)
        #expect(Date.postgresDataType == .timestamptz)
        #expect(try instant(0).postgresText() == "1970-01-01 00:00:00.000000+00")
    }
}
