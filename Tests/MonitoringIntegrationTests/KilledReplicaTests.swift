import Foundation
import Models
import MonitoringService
import Testing
import TestSupport

/// One `accord-monitoring` process computing a region's report is killed with SIGKILL half way;
/// a second replica finishes it, and every part and the totals are written exactly once.
@Suite("A monitoring replica killed mid-report", .freshDatabase)
struct KilledReplicaTests {
    private var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("accord-monitoring")
    }

    @Test("the region's report still completes, each organisation counted once, assembled once")
    func killedMidReport() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build accord-monitoring first")
        let harness = try await MonitoringHarness.prepare()
        let municipality = try await harness.organisation(kind: .municipalService)
        let schools = 300
        var referrals: [any MessageContract] = []
        for _ in 0..<schools {
            let school = try await harness.organisation(kind: .schoolService, municipality: municipality)
            referrals.append(ReferralReceived(
                referralID: ReferralID(UUID.v7()), integratorID: IntegratorID(UUID.v7()), organisationID: OrganisationID(school), kind: .agencyReferral,
                source: ReferralSource(kind: .police, organisationName: nil, reference: nil), nature: .offence, requestedResponses: [],
                occurredOn: day("2026-08-01"), schoolName: nil, className: nil, minorCount: 1, partyCount: 2, senderDeadline: nil,
                receivedAt: at("2026-08-10T05:00:00Z")))
        }
        try await harness.publish(referrals)

        let process = Process()
        process.executableURL = executable
        process.environment = ProcessInfo.processInfo.environment.merging(try MonitoringHarness.environment(["REPORT_LEASE_SECONDS": "2"])) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Projected first (the report counts referrals), then the report, killed half way.
        let projected = try await harness.projected(within: .seconds(60))
        let report = try await harness.pool.withTransaction {
            try await ReportStore.request(.region, organisation: nil, region: "perm", quarter: Quarter("2026-Q3")!, in: $0)
        }
        let halfWay = try await eventually(within: .seconds(60)) {
            let done = try await harness.pool.count("SELECT count(*) FROM monitoring.report_parts WHERE report_id = \(report.id)")
            return done >= 20 && done < schools - 50
        }
        kill(process.processIdentifier, SIGKILL)
        #expect(await process.exit())
        #expect(projected && halfWay)
        #expect(try await !harness.completed(report.id), "killed before the end")

        try await harness.running(settings: ["REPORT_LEASE_SECONDS": "2"]) {
            let finished = try await eventually(within: .seconds(60)) { try await harness.completed(report.id) }
            #expect(finished)
        }
        #expect(try await harness.pool.count("SELECT count(*) FROM monitoring.report_parts WHERE report_id = \(report.id)") == schools + 1)
        #expect(try await harness.totals(report.id)["referrals_received/police"] == Double(schools))
        #expect(try await harness.pool.count("""
            SELECT count(*) FROM bus.history WHERE queue = 'monitoring.reports' AND type = 'monitoring.report_assembly.v1'
            """) == 1, "assembled once")
        #expect(try await harness.pool.count("""
            SELECT count(*) FROM monitoring.report_figures WHERE report_id = \(report.id) AND organisation_id IS NULL AND indicator = 'referrals_received'
            """) == 1)
    }
}
