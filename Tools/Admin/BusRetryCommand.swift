import ArgumentParser
import Bus

/// `accord bus retry`: gives dead messages a fresh start.
struct BusRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Make dead messages ready again, with their attempts reset, and wake their workers.",
        discussion: "A dead message whose dedupe key is pending again stays dead."
    )

    @Option(name: .long, help: "Only this queue's.")
    var queue: String?

    @Flag(name: .long, help: "Every dead message of every queue (or of --queue).")
    var all = false

    @Argument(help: "The messages' ids, as `accord bus dead` lists them.")
    var ids: [Int64] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        // Reviving every dead letter at once can flood the workers: it must be asked for.
        guard !ids.isEmpty || queue != nil || all else {
            throw ValidationError("Name message ids, --queue, or --all.")
        }
        guard ids.isEmpty || !all else { throw ValidationError("Give ids or --all, not both.") }
    }

    func run() async throws {
        let revived = try await withBusAdministration { [ids, queue] in
            try await $0.retry(ids: ids.isEmpty ? nil : ids, queue: queue)
        }
        if output.json { return try output.printJSON(["retried": revived]) }
        print("Retried \(revived) dead message\(revived == 1 ? "" : "s").")
    }
}
