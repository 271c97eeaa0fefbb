import ArgumentParser
import Foundation
import Models
import MonitoringService
import Postgres

/// `accord-bench monitoring`: over the history `accord-bench seed` made, how fast `accord-monitoring`
/// replicas (real processes, release build) project the events and compute the region's
/// quarterly report with 1 and with 2 replicas, against one SQL statement that computes the same
/// totals straight from the events.
struct MonitoringBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "Projection catch-up and the region's quarterly report with 1 and 2 replicas, against a single SQL query (run `seed` first).")

    @Option(help: "The seeded database.")
    var database = MonitoringSeed.defaultDatabase
    @Option(help: "The quarter reported, YYYY-QN.")
    var quarter = "2026-Q3"
    @Option(help: "Measured runs per configuration; the best counts.")
    var runs = 3
    @Option(help: "The accord-monitoring executable (default: next to accord-bench).")
    var monitoringBinary: String?
    @Flag(help: "Print figures as JSON.")
    var json = false

    func run() async throws {
        guard let quarter = Quarter(quarter) else { throw ValidationError("--quarter must be YYYY-QN") }
        let binary = try monitoringBinary ?? IntakeBenchmark.siblingExecutable("accord-monitoring")
        let server = PostgresConfiguration.fromEnvironment(ProcessInfo.processInfo.environment, applicationName: "accord-bench")
        let pool = PostgresPool(configuration: server.database(database), maxConnections: 2)
        defer { Task { await pool.close() } }
        let events = try await pool.query("SELECT count(*) FROM bench_events").single!.decode(Int.self, at: 0)
        try await reset(pool)

        // The replicas are stopped (and awaited) on every path: a `defer` could only start their
        // stops in tasks that the process's exit cut short, leaving them running.
        var replicas: [BenchChild] = []
        let projection: Double, first: (id: UUID, seconds: Double, partsTotal: Int)
        var one: [Double] = [], two: [Double] = []
        do {
            replicas.append(try await startReplica(binary, number: 1))
            projection = try await project(events: events, on: pool)
            first = try await timedReport(quarter, on: pool)  // warms the caches, not counted
            // Runs alternate between one replica and two (the second paused with SIGSTOP), so a
            // disturbance of the machine falls on both.
            replicas.append(try await startReplica(binary, number: 2))
            for _ in 0..<runs {
                kill(replicas[1].pid, SIGSTOP)
                one.append(try await timedReport(quarter, on: pool).seconds)
                kill(replicas[1].pid, SIGCONT)
                two.append(try await timedReport(quarter, on: pool).seconds)
            }
        } catch {
            await Self.stop(replicas)
            throw error
        }
        await Self.stop(replicas)
        var reference: [Double] = []
        var expected: [String: Double] = [:]
        for _ in 0..<runs {
            let started = ContinuousClock.now
            expected = try await MonitoringReference.totals(
                region: MonitoringSeed.region, firstDay: quarter.firstDay.description, dayAfter: quarter.dayAfter.description, on: pool)
            reference.append((ContinuousClock.now - started).totalSeconds)
        }
        let totals = try await pool.withConnection { try await ReportStore.totals(of: first.id, on: $0) }
        let report = MonitoringReference.keyed(totals)
        let mismatched = Set(report.keys).union(expected.keys).filter { key in
            let (a, b) = (report[key] ?? 0, expected[key] ?? 0)
            return abs(a - b) > max(1e-6, abs(b) * 1e-9)
        }
        if !mismatched.isEmpty {
            FileHandle.standardError.write(Data("report and reference differ on: \(mismatched.sorted().joined(separator: ", "))\n".utf8))
        }
        FileHandle.standardError.write(Data("report runs, 1 replica: \(one), 2 replicas: \(two); reference: \(reference)\n".utf8))
        let best1 = one.min()!, best2 = two.min()!
        printFigures([
            "events": Double(events), "projection_events_per_s": projection, "organisations": Double(first.partsTotal),
            "report_1_s": best1, "report_2_s": best2, "speedup": best1 / best2, "sql_reference_s": reference.min()!,
            "report_1_to_reference_ratio": reference.min()! / best1, "totals_match": mismatched.isEmpty ? 1 : 0,
            "referrals_in_quarter": report.filter { $0.key.hasPrefix("referrals_received/") }.values.reduce(0, +),
            "durable": try await serverDurability(pool),
        ], json: json)
    }

    /// Stops `replicas` and waits for them; a paused one is resumed first, or SIGTERM would wait.
    private static func stop(_ replicas: [BenchChild]) async {
        for replica in replicas {
            kill(replica.pid, SIGCONT)
            _ = await replica.stop()
        }
    }

    /// Empties the projections, reports and monitoring queues, so every run starts from the events alone.
    private func reset(_ pool: PostgresPool) async throws {
        try await pool.query("""
            TRUNCATE monitoring.referrals, monitoring.cases, monitoring.case_closings, monitoring.programmes, monitoring.meetings,
                monitoring.agreements, monitoring.student_profiles, monitoring.plan_activities,
                monitoring.report_figures, monitoring.report_parts, monitoring.reports, bus.history, bus.batches
            """)
        try await pool.query("DELETE FROM bus.messages WHERE queue LIKE 'monitoring%'")
    }

    /// One `accord-monitoring` replica, ready.
    private func startReplica(_ binary: String, number: Int) async throws -> BenchChild {
        let port = try Loopback.freePort()
        var environment = BenchEnvironment.child(of: ProcessInfo.processInfo.environment, database: database, servicePrefixes: ["MONITORING_"])
        environment["HTTP_PORT"] = "\(port)"
        environment["HTTP_HOST"] = "127.0.0.1"
        environment["LOG_LEVEL"] = "warning"
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-monitoring-\(number).log")
        let replica = try BenchChild.start(binary, [], environment: environment, output: output)
        try await IntakeBenchmark.waitUntilReady(replica, port: port)
        return replica
    }

    /// Puts every event on the `monitoring` queue in one statement and times the replica's
    /// catch-up from that commit until the queue is empty; events per second.
    private func project(events: Int, on pool: PostgresPool) async throws -> Double {
        try await pool.withTransaction { connection in
            try await connection.query("INSERT INTO bus.messages (queue, type, payload) SELECT 'monitoring', type, payload FROM bench_events ORDER BY id")
            try await connection.query("SELECT pg_notify('accord_bus.monitoring', '')")
        }
        let started = ContinuousClock.now
        while try await pool.query("SELECT EXISTS (SELECT 1 FROM bus.messages WHERE queue = 'monitoring')").single!.decode(Bool.self, at: 0) {
            try await Task.sleep(for: .milliseconds(20))
            if ContinuousClock.now - started > .seconds(900) { throw ValidationError("the projection did not catch up within 15 minutes") }
        }
        let rate = Double(events) / (ContinuousClock.now - started).totalSeconds
        // A million fresh rows and as many dead ones wake autovacuum, which would take a core from
        // the reports measured next: clean up now and wait until it has nothing left to do.
        try await pool.query("""
            VACUUM ANALYZE bus.messages, bus.history, monitoring.referrals, monitoring.cases, monitoring.case_closings, monitoring.programmes,
                monitoring.meetings, monitoring.agreements, monitoring.student_profiles, monitoring.plan_activities
            """)
        while try await pool.query("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'").single!.decode(Int.self, at: 0) > 0 {
            try await Task.sleep(for: .milliseconds(200))
        }
        return rate
    }

    /// Asks for the region's report (a new generation each time) and times it until assembled.
    private func timedReport(_ quarter: Quarter, on pool: PostgresPool) async throws -> (id: UUID, seconds: Double, partsTotal: Int) {
        let started = ContinuousClock.now
        let report = try await pool.withTransaction {
            try await ReportStore.request(.region, organisation: nil, region: MonitoringSeed.region, quarter: quarter, in: $0)
        }
        while try await pool.query("SELECT completed_at IS NULL FROM monitoring.reports WHERE id = \(report.id)").single!.decode(Bool.self, at: 0) {
            try await Task.sleep(for: .milliseconds(5))
            if ContinuousClock.now - started > .seconds(600) { throw ValidationError("the report did not complete within 10 minutes") }
        }
        return (report.id, (ContinuousClock.now - started).totalSeconds, report.partsTotal)
    }
}
