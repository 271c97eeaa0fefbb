import Foundation
import Models
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    @Test("parses and prints YYYY-MM-DD", arguments: ["2024-02-29", "2025-12-31", "0099-01-05", "9999-12-31"])
    func roundTrip(string: String) {
        #expect(LocalDate(string)?.description == string)
    }

    @Test(
        "rejects other shapes and days that do not exist",
        arguments: [
            "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "0000-01-01",
            "24-01-01", "2024-1-01", "2024-01-01T00:00", "01.04.2024", "+024-01-01", "２０２４-01-01", "",
        ]
    )
    func rejects(string: String) {
        #expect(LocalDate(string) == nil)
    }

    @Test("knows Gregorian leap years", arguments: [(1900, false), (2000, true), (2023, false), (2024, true)])
    func leapYears(year: Int, leap: Bool) {
        #expect(LocalDate.isLeap(year: year) == leap)
    }

    @Test("encodes as a bare YYYY-MM-DD string and refuses anything else")
    func json() throws {
        let data = try JSONEncoder().encode([day("2024-02-29")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [day("2024-02-29")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2023-02-29"]"#.utf8))
        }
    }

    @Test("the day of an instant depends on the zone")
    func containing() {
        let evening = instant("2025-05-09T20:00:00Z")
        #expect(LocalDate(containing: evening, in: .utc) == day("2025-05-09"))
        #expect(LocalDate(containing: evening, in: .almaty) == day("2025-05-10"))
    }

    @Test("a day starts at local midnight")
    func start() {
        #expect(day("2025-05-10").start(in: .almaty) == instant("2025-05-09T19:00:00Z"))
        #expect(day("2025-05-10").start(in: .utc) == instant("2025-05-10T00:00:00Z"))
    }

    @Test("a day whose midnight is skipped by daylight saving starts at the first existing instant")
    func startWithoutMidnight() {
        // Chile moved clocks from 00:00 to 01:00 on 8 September 2024 (UTC-4 to UTC-3).
        let santiago = TimeZone(identifier: "America/Santiago")!
        #expect(day("2024-09-08").start(in: santiago) == instant("2024-09-08T04:00:00Z"))
    }

    @Test("orders chronologically")
    func order() {
        #expect(day("2024-12-31") < day("2025-01-01"))
        #expect(day("2025-01-31") < day("2025-02-01"))
        #expect(!(day("2025-02-01") < day("2025-02-01")))
    }
}
