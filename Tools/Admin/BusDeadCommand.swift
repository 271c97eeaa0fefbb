import ArgumentParser
import Bus

/// `accord bus dead`: the dead letters, newest first, without payloads.
struct BusDeadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead",
        abstract: "List dead messages, newest first (payloads are never shown)."
    )

    @Option(name: .long, help: "Only this queue's.")
    var queue: String?

    @Option(name: .long, help: "At most this many.")
    var limit = 50

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive.") }
    }

    func run() async throws {
        let letters = try await withBusAdministration { [queue, limit] in try await $0.deadLetters(queue: queue, limit: limit) }
        if output.json { return try output.printJSON(letters) }
        guard !letters.isEmpty else { return print("No dead messages.") }
        var table = TextTable("ID", "QUEUE", "TYPE", "ATTEMPTS", "CREATED", "LAST ERROR")
        for letter in letters {
            table.append("\(letter.id)", letter.queue, letter.type, "\(letter.attempts)",
                         letter.createdAt.formatted(.iso8601), Self.oneLine(letter.lastError ?? "-"))
        }
        print(table.rendered)
    }

    /// An error's first line, shortened: the table stays one row per message; `--json` has it whole.
    static func oneLine(_ text: String) -> String {
        let line = text.prefix { !$0.isNewline }
        return line.count > 80 ? line.prefix(79) + "…" : String(line)
    }
}
