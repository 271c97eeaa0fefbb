import Foundation
import Models
import MonitoringService
import Testing
import TestSupport

@Suite("Quarterly indicators on a hand-built history", .freshDatabase)
struct IndicatorTests {
    @Test("every indicator of a school's quarter has its worked-out value, quarters cut at local midnight")
    func schoolIndicators() async throws {
        let harness = try await MonitoringHarness.prepare()
        let history = try await harness.knownHistory()
        try await harness.running {
            #expect(try await harness.projected())
            let report = try #require(try await harness.report(.organisation, organisation: history.school, quarter: "2026-Q3"))
            #expect(report.partsDone == 1 && report.partsTotal == 1 && report.state == .draft && report.revision == 1)
            let totals = try await harness.totals(report.id)
            #expect(totals.filter { $0.value != 0 } == KnownHistory.expectedForSchool)
        }
    }

    @Test("a municipality's and a region's figures are the sums of their organisations'")
    func sums() async throws {
        let harness = try await MonitoringHarness.prepare()
        let history = try await harness.knownHistory()
        _ = try await harness.organisation(kind: .schoolService, region: "sverdlovsk")
        try await harness.running {
            #expect(try await harness.projected())
            let municipal = try #require(try await harness.report(.municipality, organisation: history.municipality, quarter: "2026-Q3"))
            #expect(municipal.partsTotal == 2 && municipal.partsDone == 2)
            var expected = KnownHistory.expectedForSchool
            expected["referrals_received/minors_commission"] = 1
            expected["referrals_by_nature/conflict", default: 0] += 1
            expected["referrals_by_kind/agency_referral", default: 0] += 1
            expected["active_services", default: 0] += 1
            #expect(try await harness.totals(municipal.id).filter { $0.value != 0 } == expected)
            #expect(try await harness.figures(municipal.id, of: history.school).filter { $0.value != 0 } == KnownHistory.expectedForSchool)
            let region = try #require(try await harness.report(.region, region: "perm", quarter: "2026-Q3"))
            #expect(region.partsTotal == 2, "the other region's school is not in it")
            #expect(try await harness.totals(region.id).filter { $0.value != 0 } == expected)
        }
    }

    @Test("every event delivered twice, in another order: the figures do not change")
    func redeliveredEvents() async throws {
        let harness = try await MonitoringHarness.prepare()
        let history = try await harness.knownHistory(publishTwice: true)
        try await harness.running {
            #expect(try await harness.projected())
            #expect(try await harness.pool.count("SELECT count(*) FROM bus.history WHERE queue = 'monitoring'") == 2 * (history.events.count + 1))
            let report = try #require(try await harness.report(.organisation, organisation: history.school, quarter: "2026-Q3"))
            #expect(try await harness.totals(report.id).filter { $0.value != 0 } == KnownHistory.expectedForSchool)
        }
    }

    @Test("an earlier quarter has none of this quarter's events")
    func otherQuarter() async throws {
        let harness = try await MonitoringHarness.prepare()
        let history = try await harness.knownHistory()
        try await harness.running {
            #expect(try await harness.projected())
            let report = try #require(try await harness.report(.organisation, organisation: history.school, quarter: "2026-Q2"))
            let totals = try await harness.totals(report.id).filter { $0.value != 0 }
            // April's referral and its case; the profile of 20 April is not a closing, so no change is measured.
            #expect(totals["referrals_received/school"] == 1 && totals["referrals_received/court"] == nil)
            #expect(totals["accompaniments_opened"] == 1 && totals["accompaniments_measured"] == nil)
        }
    }
}
