import Foundation
import Models
import Testing

@Suite("Quarter")
struct QuarterTests {
    /// A quarter from its `YYYY-QN` literal.
    func quarter(_ string: String) -> Quarter {
        Quarter(string)!
    }

    @Test(
        "an instant's quarter follows the zone",
        arguments: [
            ("2025-03-31T18:59:59Z", "2025-Q1", "2025-Q1"),
            ("2025-03-31T19:00:00Z", "2025-Q2", "2025-Q1"),
            ("2025-03-31T23:59:59Z", "2025-Q2", "2025-Q1"),
            ("2025-04-01T00:00:00Z", "2025-Q2", "2025-Q2"),
            ("2024-12-31T19:00:00Z", "2025-Q1", "2024-Q4"),
            ("2025-06-30T19:00:00Z", "2025-Q3", "2025-Q2"),
            ("2025-09-30T18:59:59Z", "2025-Q3", "2025-Q3"),
        ]
    )
    func containing(at: String, almaty: String, utc: String) {
        #expect(Quarter(containing: instant(at), in: .almaty) == quarter(almaty))
        #expect(Quarter(containing: instant(at), in: .utc) == quarter(utc))
    }

    @Test(
        "starts and ends at local midnight, end exclusive",
        arguments: [
            ("2025-Q1", "2024-12-31T19:00:00Z", "2025-03-31T19:00:00Z", "2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z"),
            ("2025-Q2", "2025-03-31T19:00:00Z", "2025-06-30T19:00:00Z", "2025-04-01T00:00:00Z", "2025-07-01T00:00:00Z"),
            ("2025-Q4", "2025-09-30T19:00:00Z", "2025-12-31T19:00:00Z", "2025-10-01T00:00:00Z", "2026-01-01T00:00:00Z"),
        ]
    )
    func bounds(quarter string: String, almatyStart: String, almatyEnd: String, utcStart: String, utcEnd: String) {
        let quarter = quarter(string)
        #expect(quarter.start(in: .almaty) == instant(almatyStart))
        #expect(quarter.end(in: .almaty) == instant(almatyEnd))
        #expect(quarter.start(in: .utc) == instant(utcStart))
        #expect(quarter.end(in: .utc) == instant(utcEnd))
        #expect(Quarter(containing: quarter.end(in: .almaty).addingTimeInterval(-0.001), in: .almaty) == quarter)
        #expect(Quarter(containing: quarter.end(in: .almaty), in: .almaty) != quarter)
    }

    @Test(
        "school reports are due by the end of the 25th of the quarter's last month, local time",
        arguments: [
            ("2025-Q1", "2025-03-25", "2025-03-25T19:00:00Z", "2025-03-26T00:00:00Z"),
            ("2025-Q2", "2025-06-25", "2025-06-25T19:00:00Z", "2025-06-26T00:00:00Z"),
            ("2025-Q3", "2025-09-25", "2025-09-25T19:00:00Z", "2025-09-26T00:00:00Z"),
            ("2025-Q4", "2025-12-25", "2025-12-25T19:00:00Z", "2025-12-26T00:00:00Z"),
        ]
    )
    func reportDue(quarter string: String, dueDate: String, almatyDeadline: String, utcDeadline: String) {
        let quarter = quarter(string)
        #expect(quarter.reportDueDate == day(dueDate))
        #expect(quarter.reportDeadline(in: .almaty) == instant(almatyDeadline))
        #expect(quarter.reportDeadline(in: .utc) == instant(utcDeadline))
    }

    @Test("a report at 23:59 local on the 25th is on time; at 00:00 on the 26th it is late")
    func onTime() {
        let deadline = quarter("2025-Q1").reportDeadline(in: .almaty)
        #expect(instant("2025-03-25T18:59:59Z") < deadline)
        #expect(!(instant("2025-03-25T19:00:00Z") < deadline))
    }

    @Test("months of each quarter", arguments: [(1, 1, 3), (2, 4, 6), (3, 7, 9), (4, 10, 12)])
    func months(number: Int, first: Int, last: Int) {
        let quarter = Quarter(year: 2025, number: number)!
        #expect(quarter.firstMonth == first)
        #expect(quarter.lastMonth == last)
        #expect(Quarter(containing: LocalDate(year: 2025, month: first, day: 1)!) == quarter)
        #expect(Quarter(containing: LocalDate(year: 2025, month: last, day: 28)!) == quarter)
    }

    @Test("parses and prints YYYY-QN", arguments: ["2025-Q1", "2025-Q4", "0999-Q2"])
    func string(string: String) {
        #expect(Quarter(string)?.description == string)
    }

    @Test(
        "rejects other shapes",
        arguments: ["2025-Q0", "2025-Q5", "2025-Q12", "2025Q2", "25-Q2", "2025-q2", "2025-2", "0000-Q1", "2025-Q٣", ""]
    )
    func rejects(string: String) {
        #expect(Quarter(string) == nil)
    }

    @Test("rejects numbers outside 1...4")
    func rejectsNumbers() {
        #expect(Quarter(year: 2025, number: 0) == nil)
        #expect(Quarter(year: 2025, number: 5) == nil)
    }

    @Test("encodes as a bare YYYY-QN string")
    func json() throws {
        let data = try JSONEncoder().encode([quarter("2025-Q3")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-Q3"]"#)
        #expect(try JSONDecoder().decode([Quarter].self, from: data) == [quarter("2025-Q3")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Quarter].self, from: Data(#"["2025-Q5"]"#.utf8))
        }
    }

    @Test("orders chronologically")
    func order() {
        #expect(quarter("2024-Q4") < quarter("2025-Q1"))
        #expect(quarter("2025-Q1") < quarter("2025-Q2"))
        #expect(!(quarter("2025-Q2") < quarter("2025-Q2")))
    }
}
