import ArgumentParser
import Foundation
import IntakeService
import Models

/// `accord intake integrators create | list | deactivate`.
struct IntegratorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integrators",
        abstract: "Register, list and deactivate integrators.",
        subcommands: [Create.self, List.self, Deactivate.self]
    )

    /// `accord intake integrators create`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an integrator; then issue it a key with `accord intake keys issue`.")

        @Option(help: "Its name, e.g. \"КДНиЗП Соликамского городского округа\".")
        var name: String
        @Option(help: "What kind of sender it is: \(ReferralSourceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: String
        @Option(help: "The id of the service (МСП, СПЦ, ШСП) whose caseload its referrals join.")
        var organisation: UUIDArgument
        @Option(help: "The organisation's IANA time zone; dates are checked against its calendar.")
        var timeZone = "Europe/Moscow"
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let integrator = try await withIntakeAdministration {
                try await $0.createIntegrator(name: name, kind: kind, organisationID: organisation.value, timeZone: timeZone)
            }
            if output.json { return try output.printJSON(integrator) }
            print("Integrator \(integrator.id) registered. Issue it a key: accord intake keys issue \(integrator.id)")
        }
    }

    /// `accord intake integrators list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List integrators and how many working keys each has.")

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let integrators = try await withIntakeAdministration { try await $0.integrators() }
            if output.json { return try output.printJSON(integrators) }
            var table = TextTable("ID", "NAME", "KIND", "ORGANISATION", "TIME ZONE", "KEYS", "STATE")
            for integrator in integrators {
                table.append(
                    integrator.id.canonicalString, integrator.name, integrator.kind, integrator.organisationId.canonicalString,
                    integrator.timeZone, "\(integrator.activeKeys)", integrator.deactivatedAt == nil ? "active" : "deactivated")
            }
            print(integrators.isEmpty ? "No integrators." : table.rendered)
        }
    }

    /// `accord intake integrators deactivate`.
    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop an integrator: none of its keys work any more.")

        @Argument(help: "The integrator's id.")
        var integrator: UUIDArgument

        func run() async throws {
            try await withIntakeAdministration { try await $0.deactivate(integratorID: integrator.value) }
            print("Integrator \(integrator.value.canonicalString) deactivated.")
        }
    }
}
