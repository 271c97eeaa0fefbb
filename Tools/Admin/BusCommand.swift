import ArgumentParser

/// `accord bus`: inspect the message bus and deal with its dead letters.
struct BusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus",
        abstract: "Inspect the message bus: queue figures, dead letters, retries and purges.",
        discussion: "Payloads are never shown: they may hold personal data.",
        subcommands: [BusStatusCommand.self, BusDeadCommand.self, BusRetryCommand.self, BusPurgeCommand.self, BusWiringCommand.self]
    )
}
