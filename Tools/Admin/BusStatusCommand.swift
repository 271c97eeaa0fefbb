import ArgumentParser
import Bus

/// `accord bus status`: each queue's messages by state and its backlog's age.
struct BusStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each queue's ready, due, running and dead messages, and the finished ones kept in history."
    )

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let status = try await withBusAdministration { try await $0.status() }
        if output.json { return try output.printJSON(status) }
        var table = TextTable("QUEUE", "READY", "DUE", "RUNNING", "DEAD", "OLDEST DUE")
        for queue in status.queues {
            table.append(queue.queue, "\(queue.ready)", "\(queue.dueNow)", "\(queue.running)", "\(queue.dead)",
                         queue.oldestDueAgeSeconds.map(Self.age) ?? "-")
        }
        print(status.queues.isEmpty ? "No queues." : table.rendered)
        print("History: \(status.historyCount ?? 0) finished messages.")
    }

    /// A wait in the coarsest unit that keeps it readable: `42s`, `17m`, `5h`, `3d`.
    static func age(_ seconds: Double) -> String {
        switch seconds {
        case ..<120: "\(Int(seconds))s"
        case ..<7_200: "\(Int(seconds / 60))m"
        case ..<172_800: "\(Int(seconds / 3_600))h"
        default: "\(Int(seconds / 86_400))d"
        }
    }
}
