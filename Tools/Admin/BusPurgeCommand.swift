import ArgumentParser
import Bus

/// `accord bus purge`: deletes a queue's dead messages for good.
struct BusPurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete a queue's dead messages for good."
    )

    @Option(name: .long, help: "The queue whose dead messages go.")
    var queue: String

    @Option(name: .long, help: "Only messages enqueued more than this many hours ago.")
    var olderThanHours: Double = 0

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard olderThanHours >= 0, olderThanHours.isFinite else { throw ValidationError("--older-than-hours must be 0 or more.") }
    }

    func run() async throws {
        let age = Duration.seconds(olderThanHours * 3_600)
        let purged = try await withBusAdministration { [queue] in try await $0.purge(queue: queue, olderThan: age) }
        if output.json { return try output.printJSON(["purged": purged]) }
        print("Purged \(purged) dead message\(purged == 1 ? "" : "s") from \(queue).")
    }
}
