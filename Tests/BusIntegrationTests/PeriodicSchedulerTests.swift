import Bus
import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport

/// A clock the test moves by hand, so "minutes" pass in milliseconds.
final class FakeClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}

/// A job that enqueues on `periodic` a message naming its firing time.
private func job(_ expression: String) throws -> PeriodicJob {
    PeriodicJob(name: "test.job", schedule: try CronSchedule(expression), timeZone: TimeZone(identifier: "UTC")!, queue: "periodic") { fireAt in
        OutgoingMessage(type: "test.tick.v1", payload: #"{"at":\#(Int(fireAt.timeIntervalSince1970))}"#)
    }
}

private func schedulers(_ count: Int, pool: PostgresPool, jobs: [PeriodicJob], clock: FakeClock) -> [PeriodicScheduler] {
    var options = PeriodicScheduler.Options()
    options.tickInterval = .milliseconds(20)
    return (0..<count).map { _ in PeriodicScheduler(pool: pool, jobs: jobs, options: options, now: { clock.now }) }
}

/// Runs schedulers until `body` returns, then cancels them and waits until they have stopped.
private func withSchedulers<T>(_ schedulers: [PeriodicScheduler], _ body: () async throws -> T) async throws -> T {
    let tasks = schedulers.map { scheduler in Task { try await scheduler.run() } }
    let result: Result<T, any Error>
    do { result = .success(try await body()) } catch { result = .failure(error) }
    for task in tasks {
        task.cancel()
        try? await task.value
    }
    return try result.get()
}

private func instant(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

extension PostgresPool {
    /// The firing times the ledger holds and the firing times the enqueued messages name, in order.
    fileprivate func firings() async throws -> (ledger: [Date], messages: [Int]) {
        let ledger = try await query("SELECT fire_at FROM bus.periodic_firings ORDER BY fire_at").map { try $0.decode(Date.self, at: 0) }
        let messages = try await query("SELECT (payload->>'at')::int8 FROM bus.messages WHERE queue = 'periodic' ORDER BY 1")
            .map { try $0.decode(Int.self, at: 0) }
        return (ledger, messages)
    }
}

@Suite("Periodic scheduler", .freshDatabase)
struct PeriodicSchedulerTests {
    @Test("a cron job fires once per period with 3 scheduler replicas")
    func oncePerPeriod() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let start = instant("2026-01-01T10:00:30Z")
        let clock = FakeClock(start)
        let replicas = schedulers(3, pool: pool, jobs: [try job("* * * * *")], clock: clock)
        let periods = 6
        try await withSchedulers(replicas) {
            for period in 1...periods {
                let fired = try await eventually { try await pool.count("SELECT count(*) FROM bus.periodic_firings") == period }
                #expect(fired, "period \(period) did not fire")
                // Let every replica tick several times within the period before moving on.
                try await Task.sleep(for: .milliseconds(150))
                if period < periods { clock.advance(by: 60) }
            }
        }
        let expected = (0..<periods).map { instant("2026-01-01T10:00:00Z").addingTimeInterval(Double($0 * 60)) }
        let (ledger, messages) = try await pool.firings()
        #expect(ledger == expected)
        #expect(messages == expected.map { Int($0.timeIntervalSince1970) })
    }

    @Test("a period missed while no scheduler ran fires once after restart, within the catch-up window")
    func catchUp() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let clock = FakeClock(instant("2026-01-01T10:00:30Z"))
        let jobs = [try job("0 * * * *")]
        func runUntilFired(_ count: Int) async throws {
            try await withSchedulers(schedulers(2, pool: pool, jobs: jobs, clock: clock)) {
                #expect(try await eventually { try await pool.count("SELECT count(*) FROM bus.periodic_firings") == count })
                try await Task.sleep(for: .milliseconds(150))
            }
        }
        try await runUntilFired(1)
        // Down over 11:00; back at 11:40, still within the hour's catch-up window.
        clock.set(instant("2026-01-01T11:40:00Z"))
        try await runUntilFired(2)
        // Down over 12:00 and 13:00; back at 13:30: only the latest missed firing is owed.
        clock.set(instant("2026-01-01T13:30:00Z"))
        try await runUntilFired(3)

        let expected = ["10:00", "11:00", "13:00"].map { instant("2026-01-01T\($0):00Z") }
        let (ledger, messages) = try await pool.firings()
        #expect(ledger == expected)
        #expect(messages == expected.map { Int($0.timeIntervalSince1970) })
    }

    @Test("a firing outside the catch-up window is not fired late")
    func tooLate() async throws {
        let pool = try await makeBusPool()
        defer { Task { await pool.close() } }
        let clock = FakeClock(instant("2026-01-01T10:00:30Z"))
        try await withSchedulers(schedulers(1, pool: pool, jobs: [try job("0 8 * * *")], clock: clock)) {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(try await pool.count("SELECT count(*) FROM bus.periodic_firings") == 0)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages") == 0)
    }
}
