import Foundation
import Models
@testable import MonitoringService
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

    @Test("time to first contact is never negative: a first contact reported before receipt (a consent's day at 00:00) gives way to the first meeting held")
    func firstContactNotBeforeReceipt() async throws {
        let harness = try await MonitoringHarness.prepare()
        let school = try await harness.organisation(kind: .schoolService)
        let organisation = OrganisationID(school), referral = ReferralID(UUID.v7()), caseID = CaseID(UUID.v7())
        // Received at 14:00 local on 1 September; the consent taken that day was reported as
        // first contact at 00:00 local, 14 h before; the first meeting was held 24 h after receipt.
        let received = at("2026-09-01T09:00:00Z")
        try await harness.publish([
            ReferralReceived(
                referralID: referral, integratorID: IntegratorID(UUID.v7()), organisationID: organisation, kind: .agencyReferral,
                source: ReferralSource(kind: .police, organisationName: nil, reference: nil), nature: .offence, requestedResponses: [],
                occurredOn: day("2026-08-30"), schoolName: nil, className: nil, minorCount: 1, partyCount: 2, repeatMinorCount: 0,
                senderDeadline: nil, receivedAt: received),
            CaseOpened(caseID: caseID, referralID: referral, organisationID: organisation, kind: .restorative, nature: .offence,
                proposedSpecialistID: nil, referralReceivedAt: received, openedAt: at("2026-09-01T10:00:00Z")),
            MeetingHeld(meetingID: MeetingID(UUID.v7()), caseID: caseID, organisationID: organisation, kind: .preliminary, programmeKind: nil,
                startsAt: at("2026-09-02T09:00:00Z"), minorCount: 1, adultCount: 1, specialistCount: 1, peerMediatorCount: 0),
            CaseClosed(caseID: caseID, referralID: referral, organisationID: organisation, kind: .restorative, nature: .offence, outcome: .refused,
                closingReason: .partyDeclined, closedFrom: "preparation", programmeKind: nil, minorCount: 1, adultCount: 1, meetingsHeld: 1,
                referralReceivedAt: received, openedAt: at("2026-09-01T10:00:00Z"), firstContactAt: at("2026-08-31T19:00:00Z"),
                closedAt: at("2026-09-20T05:00:00Z")),
        ])
        try await harness.running {
            #expect(try await harness.projected())
            let report = try #require(try await harness.report(.organisation, organisation: school, quarter: "2026-Q3"))
            let totals = try await harness.totals(report.id)
            #expect(totals["first_contacts"] == 1 && totals["first_contact_hours"] == 24)
            #expect(DerivedIndicators(totals: try await harness.pool.withConnection { try await ReportStore.totals(of: report.id, on: $0) })
                .meanFirstContactHours == 24)
            let conclusion = try #require(try await harness.pool.withConnection {
                try await CaseConclusion.draw(case: caseID.uuid, organisation: school, on: $0)
            })
            #expect(conclusion.steps.first { $0.what == "first_contact" }?.on == at("2026-09-02T09:00:00Z"))
        }
    }
}
