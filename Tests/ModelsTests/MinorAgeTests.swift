import Foundation
import Models
import Testing

@Suite("MinorAge")
struct MinorAgeTests {
    @Test(
        "counts full years, birthdays included",
        arguments: [
            ("2011-05-10", "2011-05-10", 0),
            ("2011-05-10", "2025-05-09", 13),
            ("2011-05-10", "2025-05-10", 14),
            ("2007-05-10", "2025-05-09", 17),
            ("2007-05-10", "2025-05-10", 18),
            ("2010-12-31", "2024-12-30", 13),
            ("2010-12-31", "2024-12-31", 14),
            ("2011-01-01", "2024-12-31", 13),
            ("2011-01-01", "2025-01-01", 14),
        ]
    )
    func fullYears(born: String, on: String, years: Int) {
        #expect(MinorAge(bornOn: day(born), on: day(on))?.fullYears == years)
    }

    @Test(
        "someone born on 29 February has a birthday on 1 March in common years",
        arguments: [
            ("2008-02-29", "2022-02-28", 13),
            ("2008-02-29", "2022-03-01", 14),
            ("2008-02-29", "2024-02-28", 15),
            ("2008-02-29", "2024-02-29", 16),
            ("2008-02-29", "2024-03-01", 16),
            ("2024-02-29", "2025-02-28", 0),
            ("2024-02-29", "2025-03-01", 1),
            ("1996-02-29", "2100-02-28", 103),
            ("1996-02-29", "2100-03-01", 104),
        ]
    )
    func leapDay(born: String, on: String, years: Int) {
        #expect(MinorAge(bornOn: day(born), on: day(on))?.fullYears == years)
    }

    @Test("a day before the birth is no age")
    func beforeBirth() {
        #expect(MinorAge(bornOn: day("2011-05-10"), on: day("2011-05-09")) == nil)
    }

    @Test("the organisation's local day decides, not UTC's")
    func timeZone() {
        // 20:00 UTC on 9 May is 01:00 on 10 May in Almaty: the 14th birthday there, not yet in UTC.
        let evening = instant("2025-05-09T20:00:00Z")
        #expect(MinorAge(bornOn: day("2011-05-10"), at: evening, in: .almaty)?.fullYears == 14)
        #expect(MinorAge(bornOn: day("2011-05-10"), at: evening, in: .utc)?.fullYears == 13)
        #expect(MinorAge(bornOn: day("2011-05-10"), at: evening, in: .almaty)?.group == .from14to17)
        #expect(MinorAge(bornOn: day("2011-05-10"), at: evening, in: .utc)?.group == .under14)
    }

    @Test(
        "groups: under 14, 14 to 17, adult",
        arguments: [
            (0, AgeGroup.under14), (13, .under14), (14, .from14to17), (17, .from14to17), (18, .adult), (40, .adult),
        ]
    )
    func groups(years: Int, group: AgeGroup) {
        #expect(AgeGroup(fullYears: years) == group)
    }

    @Test("the group changes on the 14th and 18th birthdays")
    func groupBoundaries() {
        let born = day("2008-02-29")
        #expect(MinorAge(bornOn: born, on: day("2022-02-28"))?.group == .under14)
        #expect(MinorAge(bornOn: born, on: day("2022-03-01"))?.group == .from14to17)
        #expect(MinorAge(bornOn: born, on: day("2026-02-28"))?.group == .from14to17)
        #expect(MinorAge(bornOn: born, on: day("2026-03-01"))?.group == .adult)
    }
}
