import ArgumentParser
import Foundation
import IntakeService

/// `accord intake`: the integrators that send referrals, and their API keys.
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Manage integrators (courts, police units, КДНиЗП, schools…) and their API keys.",
        discussion: "A key is shown once, when issued or rotated; only its hash is stored. Every change is audited.",
        subcommands: [IntegratorsCommand.self, KeysCommand.self]
    )
}

/// Runs `body` with the intake administration of the database the environment names.
func withIntakeAdministration<T: Sendable>(_ body: (IntegratorAdministration) async throws -> T) async throws -> T {
    try await withAdministration(IntegratorAdministration.init, refusing: IntegratorAdministration.Refusal.self, body)
}

/// A UUID argument, with a clear error for anything else.
struct UUIDArgument: ExpressibleByArgument {
    let value: UUID

    init?(argument: String) {
        guard let value = UUID(uuidString: argument) else { return nil }
        self.value = value
    }
}
