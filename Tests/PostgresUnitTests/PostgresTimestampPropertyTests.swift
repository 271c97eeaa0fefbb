import Foundation
@testable import Postgres
import Testing
import TestSupport

/// Checks the hand-written calendar arithmetic against Foundation's Gregorian calendar and ISO
/// 8601 formatter over a few hundred seeded random instants.
@Suite("PostgresTimestamp against Foundation")
struct PostgresTimestampPropertyTests {
    /// The Gregorian calendar in UTC, the reference for civil dates.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// 1600-01-01 00:00:00 UTC: Foundation's calendar is Julian before 1582, PostgreSQL's is not.
    static let earliestSecond: Int64 = -11_676_096_000
    /// 9999-12-31 23:59:59 UTC, the last instant with a four-digit year.
    static let latestSecond: Int64 = 253_402_300_799
    /// Within ±2^31 seconds of both 1970 and 2001 a `Date` (a `Double`) keeps microseconds exactly.
    static let microsecondExactSeconds: ClosedRange<Int64> = -1_136_073_600...2_145_916_799

    /// `YYYY-MM-DD HH:MM:SS` of `date` as Foundation's calendar sees it.
    static func civilText(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value!)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) "
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))"
    }

    @Test("whole seconds from 1600 to 9999 match Foundation's calendar and ISO 8601 formatter")
    func wholeSeconds() {
        var random = SeededGenerator(seed: 0x7157_A3B1)
        let iso = ISO8601DateFormatter()
        for _ in 0..<300 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int64.random(in: Self.earliestSecond...Self.latestSecond, using: &random)))
            let text = PostgresTimestamp.format(date)
            #expect(text == Self.civilText(date) + ".000000+00")
            #expect(parseTimestamp(text) == date)
            #expect(parseTimestamp(iso.string(from: date)) == date, "\(iso.string(from: date))")
        }
    }

    @Test("microsecond instants round-trip exactly and agree with Foundation on the civil part")
    func microseconds() {
        var random = SeededGenerator(seed: 0x00C0_FFEE)
        for _ in 0..<300 {
            let seconds = Int64.random(in: Self.microsecondExactSeconds, using: &random)
            let micros = Int64.random(in: 0..<1_000_000, using: &random)
            let date = Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(micros) / 1_000_000)
            let text = PostgresTimestamp.format(date)
            let fraction = String(micros)
            #expect(text == Self.civilText(Date(timeIntervalSince1970: TimeInterval(seconds)))
                + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "+00")
            let parsed = parseTimestamp(text)
            #expect(parsed == date)
            #expect(parsed.map { PostgresTimestamp.format($0) } == text)
        }
    }

    @Test("instants written by Foundation with a UTC offset parse to the same instant")
    func foundationOffsets() {
        var random = SeededGenerator(seed: 0x0FF5_E7)
        let zones = ["Asia/Almaty", "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham", "UTC"]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withSpaceBetweenDateAndTime]
        for _ in 0..<200 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int64.random(in: 0...4_102_444_800, using: &random)))
            formatter.timeZone = TimeZone(identifier: zones.randomElement(using: &random)!)!
            let text = formatter.string(from: date)
            #expect(parseTimestamp(text) == date, "\(text)")
        }
    }

    @Test("day numbers and civil dates are inverse over ±1 million years")
    func civilInverse() {
        var random = SeededGenerator(seed: 0xDA75)
        for _ in 0..<2_000 {
            let days = Int64.random(in: -365_250_000...365_250_000, using: &random)
            let (year, month, day) = PostgresTimestamp.civil(fromDays: days)
            #expect((1...12).contains(month) && (1...31).contains(day))
            #expect(PostgresTimestamp.daysFromCivil(year: year, month: month, day: day) == days)
        }
    }
}
