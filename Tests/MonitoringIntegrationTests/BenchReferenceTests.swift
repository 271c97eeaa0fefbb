@testable import AccordBench
import Bus
import Models
@testable import MonitoringService
import Postgres
import Testing
import TestSupport

@Suite("The benchmark's SQL reference", .freshDatabase)
struct BenchReferenceTests {
    @Test("the reference statement of accord-bench monitoring gives the region report's totals on the known history")
    func agreesWithTheReport() async throws {
        // The reference is a copy of the indicators in one statement, on purpose (the benchmark
        // measures the services against it); this keeps the two from drifting apart.
        let harness = try await MonitoringHarness.prepare()
        // The reference reads what the services publish today, not `plan_activity.completed.v1`.
        let history = try await harness.knownHistory(formerContracts: false)
        try await harness.pool.query("CREATE TABLE bench_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL)")
        for event in history.events {
            // As the seed stores them: the JSON the producers publish.
            let (type, payload) = (Swift.type(of: event).messageType, try PostgresJSONCoding.encode(event))
            try await harness.pool.query("INSERT INTO bench_events (type, payload) VALUES (\(type), \(payload)::jsonb)")
        }
        let reference = try await MonitoringReference.totals(region: "perm", firstDay: "2026-07-01", dayAfter: "2026-10-01", on: harness.pool)
        try await harness.running {
            #expect(try await harness.projected())
            let region = try #require(try await harness.report(.region, region: "perm", quarter: "2026-Q3"))
            // What the reference leaves out, by its own documentation: the seeded history has no
            // case moves and no overdue deadlines.
            let figures = try await harness.pool.withConnection { try await ReportStore.totals(of: region.id, on: $0) }
            let report = MonitoringReference.keyed(figures).filter {
                !$0.key.hasPrefix("accompaniments_continued") && !$0.key.hasPrefix("cases_overdue")
            }
            #expect(reference == report)
        }
    }
}
