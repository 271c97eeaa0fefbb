import Foundation

/// Возраст в полных годах on a given day, and the ``AgeGroup`` it falls in.
///
/// Computed from civil dates only, never from elapsed seconds, so it is exact on birthdays. Someone born
/// on 29 February turns a year older on 1 March in a common year, as Russian practice counts it
/// (the day after 28 February).
public struct MinorAge: Hashable, Sendable {
    /// Full years lived.
    public let fullYears: Int

    /// The age on `day` of someone born on `birthDate`; `nil` when `day` precedes the birth, which is a
    /// data-entry error for the caller to report rather than an age.
    public init?(bornOn birthDate: LocalDate, on day: LocalDate) {
        guard birthDate <= day else { return nil }
        let birthdayThisYear =
            birthDate.month == 2 && birthDate.day == 29 && !LocalDate.isLeap(year: day.year)
            ? (month: 3, day: 1) : (month: birthDate.month, day: birthDate.day)
        let hadBirthday = (day.month, day.day) >= birthdayThisYear
        fullYears = day.year - birthDate.year - (hadBirthday ? 0 : 1)
    }

    /// The age at `instant` in `timeZone`: the organisation's local day decides, not UTC's.
    public init?(bornOn birthDate: LocalDate, at instant: Date, in timeZone: TimeZone) {
        self.init(bornOn: birthDate, on: LocalDate(containing: instant, in: timeZone))
    }

    /// The age band.
    public var group: AgeGroup {
        AgeGroup(fullYears: fullYears)
    }
}
