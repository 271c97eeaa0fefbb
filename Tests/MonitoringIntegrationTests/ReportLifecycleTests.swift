import Foundation
import Models
import MonitoringService
import Testing
import TestSupport

@Suite("Quarterly reports: draft, submitted, accepted, revised", .freshDatabase)
struct ReportLifecycleTests {
    @Test("a submitted report keeps its figures when late events arrive; asking again makes a flagged revision with them")
    func lateEvents() async throws {
        let harness = try await MonitoringHarness.prepare()
        let history = try await harness.knownHistory()
        let school = history.school
        try await harness.running {
            #expect(try await harness.projected())
            let draft = try #require(try await harness.report(.organisation, organisation: school, quarter: "2026-Q3"))
            let submitted = try await harness.pool.withTransaction { try await ReportStore.submit(draft.id, by: "head:school", in: $0) }
            #expect(submitted.state == .submitted && submitted.submittedBy == "head:school")

            let late = ReferralReceived(
                referralID: ReferralID(UUID.v7()), integratorID: IntegratorID(UUID.v7()), organisationID: OrganisationID(school), kind: .agencyReferral,
                source: ReferralSource(kind: .court, organisationName: nil, reference: nil), nature: .conflict, requestedResponses: [],
                occurredOn: day("2026-09-01"), schoolName: nil, className: nil, minorCount: 1, partyCount: 2, senderDeadline: nil,
                receivedAt: at("2026-09-15T05:00:00Z"))
            try await harness.publish([late])
            #expect(try await harness.projected())
            #expect(try await harness.totals(draft.id).filter { $0.value != 0 } == KnownHistory.expectedForSchool, "the submitted figures stay")

            let revision = try #require(try await harness.report(.organisation, organisation: school, quarter: "2026-Q3"))
            #expect(revision.id != draft.id && revision.revision == 2 && revision.flagged && revision.state == .draft)
            let revised = try await harness.totals(revision.id)
            #expect(revised["referrals_received/court"] == 2)
            #expect(try await harness.totals(draft.id)["referrals_received/court"] == 1)
            let reread = try #require(try await harness.pool.withConnection { try await ReportStore.report(draft.id, on: $0) })
            #expect(reread.state == .submitted)
        }
    }

    @Test("a municipality's report lists the schools that have not submitted their own report for the quarter")
    func notYetReported() async throws {
        let harness = try await MonitoringHarness.prepare()
        let municipality = try await harness.organisation(kind: .municipalService)
        let reported = try await harness.organisation(kind: .schoolService, municipality: municipality)
        let silent = try await harness.organisation(kind: .schoolService, municipality: municipality)
        _ = try await harness.organisation(kind: .schoolService)
        try await harness.running {
            let own = try #require(try await harness.report(.organisation, organisation: reported, quarter: "2026-Q3"))
            _ = try await harness.pool.withTransaction { try await ReportStore.submit(own.id, by: "head:school", in: $0) }
            _ = try #require(try await harness.report(.organisation, organisation: silent, quarter: "2026-Q3"))
            let municipal = try #require(try await harness.report(.municipality, organisation: municipality, quarter: "2026-Q3"))
            let missing = try await harness.pool.withConnection { try await ReportStore.notYetReported(in: municipal, on: $0) }
            #expect(missing.map(\.id) == [silent], "a draft is not a report; another municipality's school is not listed")
            let region = try #require(try await harness.report(.region, region: "perm", quarter: "2026-Q3"))
            #expect(try await harness.pool.withConnection { try await ReportStore.notYetReported(in: region, on: $0) }.count == 2)
        }
    }

    @Test("a draft asked for again gets a new generation in place; only a complete draft is submitted, only a submitted one accepted")
    func moves() async throws {
        let harness = try await MonitoringHarness.prepare()
        let municipality = try await harness.organisation(kind: .municipalService)
        try await harness.running {
            let first = try #require(try await harness.report(.municipality, organisation: municipality, quarter: "2026-Q3"))
            let second = try #require(try await harness.report(.municipality, organisation: municipality, quarter: "2026-Q3"))
            #expect(second.id == first.id && second.generation == 2 && second.revision == 1)
            await #expect(throws: ReportRefusal.wrongState(.draft)) {
                try await harness.pool.withTransaction { try await ReportStore.accept(first.id, by: "administrator", in: $0) }
            }
            _ = try await harness.pool.withTransaction { try await ReportStore.submit(first.id, by: "head:municipal", in: $0) }
            let accepted = try await harness.pool.withTransaction { try await ReportStore.accept(first.id, by: "administrator", in: $0) }
            #expect(accepted.state == .accepted && accepted.acceptedBy == "administrator")
            await #expect(throws: ReportRefusal.wrongState(.accepted)) {
                try await harness.pool.withTransaction { try await ReportStore.submit(first.id, by: "head:municipal", in: $0) }
            }
        }
    }

    @Test("a report of an unrecorded organisation, or a municipality's of a school, is refused")
    func refusals() async throws {
        let harness = try await MonitoringHarness.prepare()
        let school = try await harness.organisation(kind: .schoolService)
        await #expect(throws: ReportRefusal.unknownOrganisation) {
            try await harness.pool.withTransaction { try await ReportStore.request(.organisation, organisation: UUID(), region: nil, quarter: Quarter("2026-Q3")!, in: $0) }
        }
        await #expect(throws: ReportRefusal.notAMunicipalService) {
            try await harness.pool.withTransaction { try await ReportStore.request(.municipality, organisation: school, region: nil, quarter: Quarter("2026-Q3")!, in: $0) }
        }
        await #expect(throws: ReportRefusal.emptyRegion) {
            try await harness.pool.withTransaction { try await ReportStore.request(.region, organisation: nil, region: "nowhere", quarter: Quarter("2026-Q3")!, in: $0) }
        }
    }
}
