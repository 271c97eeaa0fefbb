import ArgumentParser
import Bus
import Foundation
import IntakeService
import Models
import Postgres
import PostgresMigrations

/// `accord-bench intake`: accepted referrals per second through the real `accord-intake`
/// process (HTTP, JSON, validation, our code, one statement), driven by wrk over loopback, next
/// to pgbench committing that same statement on the same server with the same connections — the
/// ceiling. Afterwards it checks that every referral intake acknowledged is in the database and
/// on the bus.
///
/// It works in a database of its own, `accord_bench_intake`, dropped and created at the start
/// and left behind at the end for inspection.
struct IntakeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Accepted referrals/s through accord-intake (wrk) against pgbench running intake's own statement."
    )

    @Option(help: "Seconds wrk and pgbench each run.")
    var seconds = 10

    @Option(help: "Connections for wrk and for pgbench.")
    var connections = 32

    @Option(help: "The service's database pool size (DATABASE_POOL_SIZE; default: --connections, as many as pgbench gets).")
    var poolSize: Int?

    /// The service gets as many database connections as pgbench: with durable commits each
    /// connection spends most of a request waiting for the disk, so the rate follows the number
    /// of commits in flight, and a smaller pool would measure the pool, not intake.
    private var servicePoolSize: Int { poolSize ?? connections }

    @Option(help: "Seconds of warm-up load before the measurement (0 for none).")
    var warmUpSeconds = 3

    @Option(help: "The accord-intake executable (default: next to this one).")
    var intakeBinary: String?

    @Option(help: "The wrk executable (default: found on PATH).")
    var wrk: String?

    @Option(help: "The pgbench executable (default: found on PATH or under /usr/lib/postgresql).")
    var pgbench: String?

    @Flag(help: "Print one JSON object instead of a report.")
    var json = false

    /// The benchmark's database.
    static let database = "accord_bench_intake"

    /// Queues subscribed to `referral.received.v1`, as in production: scheduling opens a case,
    /// monitoring counts it. Each accepted referral must leave one message on each.
    static let subscribedQueues = ["scheduling", "monitoring"]

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let intake = try intakeBinary ?? Self.siblingExecutable("accord-intake")
        let wrkPath = try wrk ?? IntakeWrk.locate()
        let pgbenchPath = try pgbench ?? Pgbench.locate()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-intake-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        let server = PostgresConfiguration.fromEnvironment(environment, applicationName: "accord-bench")
        let admin = try await PostgresConnection.connect(configuration: server)
        try await admin.query("DROP DATABASE IF EXISTS \(identifier: Self.database) WITH (FORCE)")
        try await admin.query("CREATE DATABASE \(identifier: Self.database)")
        await admin.close()
        let pool = PostgresPool(configuration: server.database(Self.database), maxConnections: 4)
        let setup: Setup
        do {
            setup = try await Self.prepare(pool)
        } catch {
            await pool.close()
            throw error
        }
        let childEnvironment = BenchEnvironment.child(of: environment, database: Self.database, servicePrefixes: ["INTAKE_"])
        let port = try Loopback.freePort()
        var serviceEnvironment = childEnvironment
        serviceEnvironment["HTTP_HOST"] = "127.0.0.1"
        serviceEnvironment["HTTP_PORT"] = "\(port)"
        serviceEnvironment["LOG_LEVEL"] = "warning"
        // The benchmark measures throughput, not the per-key limit an integrator gets.
        serviceEnvironment["INTAKE_RATE_LIMIT_PER_SECOND"] = "1000000"
        serviceEnvironment["INTAKE_RATE_LIMIT_BURST"] = "1000000"
        serviceEnvironment["DATABASE_POOL_SIZE"] = "\(servicePoolSize)"
        let service = try BenchChild.start(intake, [], environment: serviceEnvironment, output: directory.appendingPathComponent("accord-intake.log"))

        let outcome: Outcome
        // Once the service is stopped (and reaped), its pid must never be signalled again.
        var serviceStopped = false
        var serviceEnding: BenchChild.Ending?
        do {
            try await Self.waitUntilReady(service, port: port)
            let load = IntakeWrk(executable: wrkPath, directory: directory)
            if warmUpSeconds > 0 {
                // Opens the service's pool, prepares its statements and caches the key: costs of a cold
                // start, which an integrator in steady state never waits for.
                _ = try await load.run(port: port, key: setup.key, connections: connections, seconds: warmUpSeconds, run: "W")
                // wrk leaves its last requests in flight; they finish before the measured run
                // begins, or its first requests would queue behind them.
                try await Task.sleep(for: .seconds(1))
            }
            let measured = try await load.run(port: port, key: setup.key, connections: connections, seconds: seconds, run: "M")
            // Stopped gracefully before pgbench, so that the requests wrk left in flight are
            // finished before the check, and the idle service takes nothing from pgbench's run.
            serviceEnding = await service.stop()
            serviceStopped = true
            // pgbench after wrk, not alongside it: each gets the whole machine.
            let values = try await IntakePgbench.Values.sample(
                from: pool, integrator: setup.integrator, pgbenchIntegrator: setup.pgbenchIntegrator,
                organisation: setup.organisation, key: setup.pgbenchKey)
            // One connection LISTENs on the intake queue's channel while pgbench runs, as the
            // service's own queue worker did while wrk ran, so both measurements carry the same
            // listener (it hears nothing: the statement wakes only the subscribed queues).
            let wakeUps = pool.notifications.events(on: [MessageBus.wakeChannel(for: "intake")])
            let draining = Task { for await _ in wakeUps {} }
            defer { draining.cancel() }
            let reference = try await IntakePgbench(executable: pgbenchPath, directory: directory).run(
                values: values, connections: connections, threads: min(2, connections), seconds: seconds,
                environment: childEnvironment, connection: BenchEnvironment.connectionArgument(environment, database: Self.database))
            let check = try await Self.verify(pool, accepted: measured.acceptedLocations, setup: setup)
            outcome = Outcome(wrk: measured, pgbench: reference, check: check, durable: try await serverDurability(pool) == 1)
        } catch {
            if !serviceStopped { await service.stop() }
            await pool.close()
            FileHandle.standardError.write(Data("accord-intake log (\(service.output.path)):\n\(service.outputTail(40))\n".utf8))
            throw error
        }
        await pool.close()
        report(outcome, serviceEnding: serviceEnding, directory: directory)
        if outcome.check.lost != 0 || outcome.check.missingOnBus != 0 { throw ExitCode(1) }
    }

    // MARK: - Set-up

    /// The integrators and keys the run uses.
    struct Setup {
        /// The integrator wrk posts as, and its key's text.
        var integrator: UUID
        var key: String
        /// The integrator pgbench's rows belong to, so they never mix with intake's, and its key id.
        var pgbenchIntegrator: UUID
        var pgbenchKey: UUID
        var organisation: UUID
    }

    /// Migrates the bus and intake schemas, subscribes the production queues, and creates one
    /// integrator for wrk and one for pgbench, each with a key.
    static func prepare(_ pool: PostgresPool) async throws -> Setup {
        try await MigrationRunner(pool: pool).migrate(try BusSchema.migrations())
        try await MigrationRunner(pool: pool).migrate(try IntakeSchema.migrations())
        try await pool.withConnection { connection in
            for queue in subscribedQueues {
                try await MessageBus.subscribe(queue, to: [ReferralReceived.messageType], in: connection)
            }
        }
        let administration = IntegratorAdministration(pool: pool)
        let organisation = UUID.v7()
        let integrator = try await administration.createIntegrator(
            name: "КДНиЗП Соликамского городского округа (accord-bench)", kind: "minors_commission",
            organisationID: organisation, timeZone: "Asia/Yekaterinburg")
        let key = try await administration.issueKey(integratorID: integrator.id, label: "accord-bench wrk")
        let reference = try await administration.createIntegrator(
            name: "pgbench (accord-bench)", kind: "minors_commission", organisationID: organisation, timeZone: "Asia/Yekaterinburg")
        let referenceKey = try await administration.issueKey(integratorID: reference.id, label: "accord-bench pgbench")
        return Setup(integrator: integrator.id, key: key.key, pgbenchIntegrator: reference.id, pgbenchKey: referenceKey.keyId, organisation: organisation)
    }

    /// `name` in this executable's directory, where SwiftPM puts every product of a build.
    static func siblingExecutable(_ name: String) throws -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ValidationError("\(path) not found: build it (swift build -c release --product \(name)) or pass --intake-binary")
        }
        return path
    }

    /// Waits up to a minute for `/health/ready` to answer 200 (the pool connected, migrations checked).
    static func waitUntilReady(_ service: BenchChild, port: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let ending = service.poll() {
                throw BenchChildFailure(description: "\(service.name) ended (\(ending)) before it was ready")
            }
            if Loopback.getStatus(port: port, path: "/health/ready") == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchChildFailure(description: "\(service.name) was not ready within 60 s")
    }

    // MARK: - Checking

    /// What the database holds after both runs.
    struct Check {
        /// Referrals intake acknowledged with a 201 (distinct `Location`s).
        var accepted: Int
        /// Of those, how many are in `intake.referrals`.
        var stored: Int
        /// Acknowledged but not stored: must be 0.
        var lost: Int { accepted - stored }
        /// `referral.received.v1` copies the acknowledged referrals should have (one per subscribed queue).
        var expectedOnBus: Int
        /// Copies found.
        var onBus: Int
        var missingOnBus: Int { expectedOnBus - onBus }
        /// Rows of the measured run that wrk never saw acknowledged: requests still in flight when
        /// wrk stopped, which intake committed anyway. Not an error.
        var storedUnacknowledged: Int
        /// pgbench's rows and their bus copies, to show the reference did all the work.
        var pgbenchRows: Int
        var pgbenchOnBus: Int
    }

    /// Looks up every acknowledged referral by id, in the database and on the bus.
    static func verify(_ pool: PostgresPool, accepted locations: [String], setup: Setup) async throws -> Check {
        // Location: /v1/referrals/<uuid>
        let ids = Set(locations.compactMap { $0.split(separator: "/").last.flatMap { UUID(uuidString: String($0)) } })
        let idArray = Array(ids)
        let row = try await pool.query("""
            SELECT (SELECT count(*) FROM intake.referrals WHERE id = ANY(\(idArray)::uuid[])),
                   (SELECT count(*) FROM bus.messages
                    WHERE type = 'referral.received.v1' AND correlation_id = ANY(\(idArray)::uuid[])
                      AND (payload->>'referral_id')::uuid = correlation_id),
                   (SELECT count(*) FROM intake.referrals WHERE integrator_id = \(setup.integrator) AND reference_number LIKE 'M-%'),
                   (SELECT count(*) FROM intake.referrals WHERE integrator_id = \(setup.pgbenchIntegrator)),
                   (SELECT count(*) FROM bus.messages m JOIN intake.referrals r ON r.id = m.correlation_id
                    WHERE r.integrator_id = \(setup.pgbenchIntegrator))
            """).single!
        let stored = try row.decode(Int.self, at: 0)
        return Check(
            accepted: ids.count, stored: stored, expectedOnBus: ids.count * subscribedQueues.count, onBus: try row.decode(Int.self, at: 1),
            storedUnacknowledged: try row.decode(Int.self, at: 2) - stored,
            pgbenchRows: try row.decode(Int.self, at: 3), pgbenchOnBus: try row.decode(Int.self, at: 4))
    }

    // MARK: - Report

    /// Everything one run measured.
    struct Outcome {
        var wrk: IntakeWrk.Result
        var pgbench: IntakePgbench.Result
        var check: Check
        /// Whether the server commits durably (see `serverDurability`).
        var durable: Bool
    }

    private func report(_ outcome: Outcome, serviceEnding: BenchChild.Ending?, directory: URL) {
        let wrk = outcome.wrk
        let check = outcome.check
        let rate = wrk.acceptedPerSecond
        let ratio = rate / outcome.pgbench.tps
        if json {
            let figures: [String: Any] = [
                "referrals_per_s": rate, "pgbench_tps": outcome.pgbench.tps, "ratio": ratio,
                "p50_ms": wrk.p50, "p99_ms": wrk.p99, "lost": check.lost,
                "p90_ms": wrk.p90, "max_ms": wrk.max, "accepted": check.accepted, "requests": wrk.requests,
                "non_2xx": wrk.non2xx, "socket_errors": wrk.socketErrors, "bus_missing": check.missingOnBus,
                "stored_unacknowledged": check.storedUnacknowledged, "pgbench_latency_avg_ms": outcome.pgbench.latencyAverage,
                "pgbench_transactions": outcome.pgbench.transactions, "pgbench_failed": outcome.pgbench.failed,
                "pgbench_rows": check.pgbenchRows, "pgbench_bus_copies": check.pgbenchOnBus,
                "connections": connections, "pool_size": servicePoolSize, "seconds": seconds, "durable": outcome.durable ? 1 : 0,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])) ?? Data()
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let verdict = ratio >= 0.5 && wrk.p99 <= 50 && check.lost == 0 && check.missingOnBus == 0 ? "meets" : "misses"
        print("server: \(outcome.durable ? "durable (fsync, full_page_writes, synchronous_commit on)" : "throwaway (fsync or full_page_writes off, or synchronous_commit off)")")
        print(String(format: "intake (wrk, %d connections, pool %d, %d s): %.0f accepted referrals/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms",
                     connections, servicePoolSize, seconds, rate, wrk.p50, wrk.p90, wrk.p99, wrk.max))
        print("  responses \(wrk.requests), 201s \(check.accepted), non-2xx \(wrk.non2xx), socket errors \(wrk.socketErrors)")
        if let failure = wrk.firstFailure { print("  first failure: \(failure)") }
        print(String(format: "pgbench (same statement, -M prepared, -c %d -j %d, %d s): %.0f tps, latency avg %.2f ms, %d transactions, %d failed",
                     connections, min(2, connections), seconds, outcome.pgbench.tps, outcome.pgbench.latencyAverage,
                     outcome.pgbench.transactions, outcome.pgbench.failed))
        print(String(format: "ratio %.2f (target ≥ 0.5, p99 ≤ 50 ms): %@", ratio, verdict))
        print("check: \(check.stored) of \(check.accepted) acknowledged referrals stored (lost \(check.lost)), "
              + "\(check.onBus) of \(check.expectedOnBus) referral.received.v1 copies on the bus; "
              + "\(check.storedUnacknowledged) stored while in flight at the end; "
              + "pgbench rows \(check.pgbenchRows), their bus copies \(check.pgbenchOnBus)")
        print("accord-intake stopped with \(serviceEnding.map(String.init(describing:)) ?? "no exit after SIGKILL")")
        print("files (wrk script, pgbench script and variables, logs): \(directory.path); database \(Self.database) kept")
    }
}
