import Foundation

/// Converts between `Date` and the ISO text of `timestamptz` in UTC, to the microsecond.
///
/// Written out by hand (civil-from-days arithmetic) rather than with a `DateFormatter`, because
/// formatters are slow, locale-sensitive and lose microseconds; every connection runs with
/// `TimeZone=UTC` and `DateStyle=ISO`, so the server's output always has this one shape.
public enum PostgresTimestamp {
    /// Formats a date as `YYYY-MM-DD HH:MM:SS.ffffff+00`, or `±infinity` for the distant dates.
    public static func format(_ date: Date, separator: Character = " ", utcSuffix: String = "+00") -> String {
        if date == .distantFuture { return "infinity" }
        if date == .distantPast { return "-infinity" }
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = micros.floorDivided(by: 1_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = civil(fromDays: days)
        // Written as ASCII bytes: this runs for every timestamp bound or put in a bus payload, and
        // string concatenation cost several times as much.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        if year < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(year.magnitude, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(month), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(day), width: 2, to: &bytes)
        bytes.append(contentsOf: String(separator).utf8)
        appendDigits(UInt64(secondOfDay / 3600), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(UInt64(secondOfDay / 60 % 60), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(UInt64(secondOfDay % 60), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(UInt64(fraction), width: 6, to: &bytes)
        bytes.append(contentsOf: utcSuffix.utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DD[ T]HH:MM:SS[.f…](Z|±HH[:MM])`, as the server prints `timestamptz`
    /// and as JSON documents carry it.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Date? {
        if bytes.elementsEqual("infinity".utf8) { return .distantFuture }
        if bytes.elementsEqual("-infinity".utf8) { return .distantPast }
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(4), reader.skip("-"),
              let month = reader.number(2), reader.skip("-"),
              let day = reader.number(2), reader.skip(" ") || reader.skip("T"),
              let hour = reader.number(2), reader.skip(":"),
              let minute = reader.number(2), reader.skip(":"),
              let second = reader.number(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var micros: Int64 = 0
        if reader.skip(".") {
            var scale: Int64 = 100_000
            var digits = 0
            while let digit = reader.digit() {
                micros += Int64(digit) * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if reader.skip("Z") {
            offsetSeconds = 0
        } else if let sign = reader.sign() {
            guard let hours = reader.number(2) else { return nil }
            var minutes: Int64 = 0
            if reader.skip(":") {
                guard let value = reader.number(2) else { return nil }
                minutes = value
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard reader.isAtEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        guard civil(fromDays: days) == (year, month, day) else { return nil } // 2023-02-29, 2026-04-31
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day number since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `value` in decimal, zero-padded to at least `width` digits.
    private static func appendDigits(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        var count = 1
        var scale: UInt64 = 10
        while count < 20, value >= scale {
            count += 1
            scale &*= 10
        }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(width, count)))
        var index = bytes.count - 1
        var rest = value
        while rest > 0 {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }
}

/// Reads fixed-width numbers and separators from ASCII text.
private struct DigitReader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    mutating func digit() -> Int64? {
        guard index < bytes.count else { return nil }
        let value = bytes[index] &- UInt8(ascii: "0")
        guard value < 10 else { return nil }
        index += 1
        return Int64(value)
    }

    mutating func number(_ width: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<width {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, so dates before 1970 split correctly.
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = self / divisor
        var remainder = self % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}

extension Date: PostgresCodable {
    /// `timestamptz`.
    public static var postgresDataType: PostgresDataType { .timestamptz }
    /// UTC ISO text with microseconds; a date PostgreSQL cannot hold (not finite, or beyond
    /// year 9999 other than the distant past and future) is an encoding error, not a crash.
    public func postgresText() throws -> String? {
        guard self == .distantPast || self == .distantFuture
            || (timeIntervalSince1970.isFinite && abs(timeIntervalSince1970) < 253_402_300_800)
        else {
            throw PostgresError(.encodingFailure, reason: "date is outside the range PostgreSQL stores")
        }
        return PostgresTimestamp.format(self)
    }
    /// Decodes the server's ISO output.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws {
        guard let date = PostgresTimestamp.parse(bytes) else { throw PostgresError.cannotDecode(Date.self) }
        self = date
    }
}
