import ArgumentParser
import Bus
import Foundation
import Postgres

/// `accord-bench bus-worker`: a bus worker as a process of its own, for fault drills — tests
/// and `scripts/chaos` kill it with SIGKILL mid-batch and check nothing is lost or doubled.
///
/// Its handler records each message in `effects (message_id bigint PRIMARY KEY, worker int)`
/// (which must exist), in the message's transaction, then sleeps, so a kill lands mid-batch.
struct BusWorkerDrill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus-worker",
        abstract: "Run one bus worker whose handler records effects and dawdles (for fault drills).",
        shouldDisplay: false
    )

    @Option(help: "The queue to consume.")
    var queue: String

    @Option(help: "Lease length in seconds.")
    var leaseSeconds = 30.0

    @Option(help: "Milliseconds each handler sleeps.")
    var handlerSleepMilliseconds = 100

    @Option(help: "Messages claimed at once.")
    var batchSize = 10

    func run() async throws {
        let configuration = PostgresConfiguration.fromEnvironment(ProcessInfo.processInfo.environment, applicationName: "accord-bus-drill")
        let pool = PostgresPool(configuration: configuration, maxConnections: 4)
        var options = QueueWorker.Options()
        options.lease = .milliseconds(Int(leaseSeconds * 1000))
        options.batchSize = batchSize
        options.concurrency = 1
        let pause = Duration.milliseconds(handlerSleepMilliseconds)
        let worker = QueueWorker(pool: pool, queue: queue, options: options) { message, transaction in
            try await transaction.query("INSERT INTO effects (message_id, worker) VALUES (\(message.id), 0)")
            try await Task.sleep(for: pause)
            return .done
        }
        try await worker.run()
    }
}
