import ArgumentParser
import AsyncHTTPClient
import Bus
import Configuration
import Foundation
import Hummingbird
import IntakeService
import Models
import NotificationsService
import Postgres
import PostgresMigrations
import ServiceRuntime
import Synchronization

/// `accord-bench notifications`: webhook deliveries per second to a receiver on loopback that
/// fails 1 % of requests with a 500, against the same receiver posted to directly (the
/// reference, same concurrency, same run); then the time from a referral accepted by intake to
/// its receipt at the integrator's webhook, at a steady 100 referrals a second.
struct NotificationsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifications",
        abstract: "Measure webhook deliveries/s (1% injected failures) against direct POSTs, and referral-to-webhook latency."
    )

    @Option(help: "Events delivered in the throughput phase.")
    var events = 5_000
    @Option(help: "Referrals a second in the end-to-end phase.")
    var rate = 100
    @Option(help: "Seconds the end-to-end phase posts for.")
    var seconds = 10
    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    func run() async throws {
        try await withBenchDatabase(connections: 4) { pool in
            try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations(), try IntakeSchema.migrations(), try NotificationsSchema.migrations()])
            let receiver = BenchReceiver()
            let receiverPort = 20_000 + Int(ProcessInfo.processInfo.processIdentifier % 5_000)
            let receiverTask = Task { try await receiver.application(port: receiverPort).runService() }
            defer { receiverTask.cancel() }
            try await Task.sleep(for: .milliseconds(300))
            let hook = "http://127.0.0.1:\(receiverPort)/hooks"
            let reference = try await referencePosts(to: hook, count: events)
            receiver.reset()
            let throughput = try await webhookThroughput(pool: pool, hook: hook, receiver: receiver)
            receiver.reset()
            let latency = try await endToEnd(pool: pool, hook: hook, receiver: receiver, port: receiverPort + 1)
            printFigures([
                "webhooks_per_s": throughput, "reference_posts_per_s": reference, "webhooks_to_reference_ratio": throughput / reference,
                "e2e_p50_ms": latency.p50, "e2e_p99_ms": latency.p99, "e2e_max_ms": latency.max, "e2e_referrals": Double(rate * seconds),
                "injected_failure_rate": 0.01, "durable": try await serverDurability(pool),
            ], json: json)
        }
    }

    private var environment: [String: String] {
        // The services run on the benchmark's own database (see withBenchDatabase).
        BenchEnvironment.child(
            of: ProcessInfo.processInfo.environment, database: "accord_bench_\(ProcessInfo.processInfo.processIdentifier)",
            servicePrefixes: ["INTAKE_", "NOTIFICATIONS_"]
        ).merging([
            "HTTP_HOST": "127.0.0.1", "LOG_LEVEL": "error", "SECRETS_KEY": String(repeating: "b", count: 32), "QUIET_HOURS": "off",
            "DELIVERY_RETRY_BASE_MS": "100", "DATABASE_POOL_SIZE": "8", "INTAKE_RATE_LIMIT_PER_SECOND": "100000", "INTAKE_RATE_LIMIT_BURST": "100000",
            // The default 1,000 webhooks/s per replica and 8 sends in flight per subscription
            // protect integrators from each other; the benchmark measures what the dispatcher can
            // do for its one subscription, so both are lifted (and kept if the caller set them).
            "WEBHOOK_RATE_PER_SECOND": ProcessInfo.processInfo.environment["WEBHOOK_RATE_PER_SECOND"] ?? "100000",
            "WEBHOOK_SUBSCRIPTION_CONCURRENCY": ProcessInfo.processInfo.environment["WEBHOOK_SUBSCRIPTION_CONCURRENCY"] ?? "64",
        ]) { $1 }
    }

    /// The reference: the same number of signed-size POSTs straight to the receiver, 64 at a time.
    private func referencePosts(to url: String, count: Int) async throws -> Double {
        let client = HTTPClient.shared
        let body = String(repeating: "x", count: 400)
        let next = Locked(0)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    while next.withLock({ value -> Int in
                        value += 1
                        return value
                    }) <= count {
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.body = .bytes(ByteBuffer(string: body))
                        _ = try await client.execute(request, timeout: .seconds(10)).body.collect(upTo: 1 << 16)
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(count) / (ContinuousClock.now - start).totalSeconds
    }

    /// `events` status changes published for one subscribed integrator while the service runs;
    /// the clock runs from the first publish until the receiver has acknowledged every event once.
    private func webhookThroughput(pool: PostgresPool, hook: String, receiver: BenchReceiver) async throws -> Double {
        let integrator = IntegratorID(UUID.v7())
        let service = Task {
            try await NotificationsService.buildApplication(reader: ConfigReader(service: .notifications, environment: environment.merging(["HTTP_PORT": "0"]) { $1 })).runService()
        }
        defer { service.cancel() }
        // The subscription first: events published before it exists go nowhere, as they should.
        try await pool.withConnection { connection in
            try await MessageBus.publish(
                WebhookRegistered(integratorID: integrator, url: hook, events: [ReferralStatusChanged.messageType], signingSecret: "bench-secret", registeredAt: Date()),
                correlationID: nil, in: connection)
        }
        while try await pool.query("SELECT count(*) FROM notifications.webhook_subscriptions WHERE integrator_id = \(integrator.uuid)").single!.decode(Int.self, at: 0) == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let start = ContinuousClock.now
        try await pool.withConnection { connection in
            for batch in stride(from: 0, to: events, by: 500) {
                let messages = try (batch..<min(events, batch + 500)).map { index in
                    try OutgoingMessage(ReferralStatusChanged(
                        referralID: ReferralID(UUID.v7()), integratorID: integrator, referenceNumber: "T-\(index)", status: .caseOpened, outcome: nil,
                        changedAt: Date()))
                }
                try await MessageBus.publish(messages, topic: ReferralStatusChanged.messageType, in: connection)
            }
        }
        while receiver.acknowledged < events {
            try await Task.sleep(for: .milliseconds(5))
            if (ContinuousClock.now - start) > .seconds(300) { throw ValidationError("webhooks not all delivered within 300 s") }
        }
        return Double(events) / (ContinuousClock.now - start).totalSeconds
    }

    /// Intake and notifications together: an integrator registers its webhook through intake,
    /// then posts referrals at `rate` a second; each referral's receipt is timed from the start
    /// of its POST to its arrival at the receiver.
    private func endToEnd(pool: PostgresPool, hook: String, receiver: BenchReceiver, port: Int) async throws -> Percentiles {
        let administration = IntegratorAdministration(pool: pool)
        let integrator = try await administration.createIntegrator(name: "КДНиЗП (bench)", kind: "minors_commission", organisationID: UUID(), timeZone: "Asia/Yekaterinburg")
        let key = try await administration.issueKey(integratorID: integrator.id, label: "accord-bench notifications").key
        let intake = Task {
            try await IntakeService.buildApplication(reader: ConfigReader(service: .intake, environment: environment.merging(["HTTP_PORT": "\(port)"]) { $1 })).runService()
        }
        let notifications = Task {
            try await NotificationsService.buildApplication(reader: ConfigReader(service: .notifications, environment: environment.merging(["HTTP_PORT": "0"]) { $1 })).runService()
        }
        defer {
            intake.cancel()
            notifications.cancel()
        }
        let client = HTTPClient.shared
        let base = "http://127.0.0.1:\(port)"
        try await Task.sleep(for: .seconds(1))
        var register = HTTPClientRequest(url: base + "/v1/webhook")
        register.method = .PUT
        register.headers = ["Authorization": "Bearer \(key)", "Content-Type": "application/json"]
        register.body = .bytes(ByteBuffer(string: #"{"url": "\#(hook)"}"#))
        let registered = try await client.execute(register, timeout: .seconds(10))
        guard registered.status == .ok else { throw ValidationError("webhook registration answered \(registered.status)") }
        // The registration reaches notifications over the bus.
        while try await pool.query("SELECT count(*) FROM notifications.webhook_subscriptions WHERE integrator_id = \(integrator.id)").single!.decode(Int.self, at: 0) == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let total = rate * seconds
        let posted = Locked<[String: ContinuousClock.Instant]>([:])
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<total {
                let due = start + .milliseconds(index * 1000 / rate)
                try await Task.sleep(until: due)
                group.addTask {
                    let reference = "E-\(index)"
                    var request = HTTPClientRequest(url: base + "/v1/referrals")
                    request.method = .POST
                    request.headers = ["Authorization": "Bearer \(key)", "Content-Type": "application/json"]
                    request.body = .bytes(ByteBuffer(string: IntakeRequestBody.json.replacingOccurrences(of: IntakeRequestBody.numberMarker, with: reference)))
                    posted.withLock { $0[reference] = .now }
                    let response = try await client.execute(request, timeout: .seconds(30))
                    _ = try await response.body.collect(upTo: 1 << 16)
                    guard response.status == .created else { throw ValidationError("a referral was answered \(response.status)") }
                }
            }
            try await group.waitForAll()
        }
        while receiver.receipts(prefix: "E-") < total {
            try await Task.sleep(for: .milliseconds(20))
            if (ContinuousClock.now - start) > .seconds(seconds + 120) { throw ValidationError("not every receipt arrived") }
        }
        let arrivals = receiver.arrivals
        let sent = posted.withLock { $0 }
        return Percentiles(sent.compactMap { reference, at in arrivals[reference].map { (at.duration(to: $0)).totalSeconds * 1000 } })
    }
}

/// The integrator's receiver: answers 500 to every hundredth request (the injected failures),
/// and remembers when each event was first acknowledged, by the reference number it carries.
final class BenchReceiver: Sendable {
    private let state = Mutex<(requests: Int, acknowledged: Set<String>, arrivals: [String: ContinuousClock.Instant])>((0, [], [:]))

    /// Distinct events acknowledged.
    var acknowledged: Int { state.withLock { $0.acknowledged.count } }
    /// When each reference number's receipt was acknowledged.
    var arrivals: [String: ContinuousClock.Instant] { state.withLock { $0.arrivals } }

    /// Receipts acknowledged whose reference number starts with `prefix`.
    func receipts(prefix: String) -> Int { state.withLock { $0.arrivals.keys.filter { $0.hasPrefix(prefix) }.count } }

    /// Forgets everything (between phases).
    func reset() { state.withLock { $0 = (0, [], [:]) } }

    func application(port: Int) -> some ApplicationProtocol {
        let router = Router()
        router.post("hooks") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
            let id = object?["id"] as? String
            let reference = (object?["data"] as? [String: Any])?["reference_number"] as? String
            return self.state.withLock { state in
                state.requests += 1
                if state.requests % 100 == 0 { return .internalServerError }
                if let id { state.acknowledged.insert(id) }
                if let reference, state.arrivals[reference] == nil { state.arrivals[reference] = .now }
                return .ok
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
    }
}

/// A value shared between tasks behind a lock.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with the value, exclusively.
    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
}
