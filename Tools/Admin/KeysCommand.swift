import ArgumentParser
import Foundation
import IntakeService
import Models

/// `accord intake keys issue | list | rotate | revoke`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Issue, list, rotate and revoke integrators' API keys.",
        subcommands: [Issue.self, List.self, Rotate.self, Revoke.self]
    )

    /// `accord intake keys issue`.
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a key; it is printed once and never again.")

        @Argument(help: "The integrator's id.")
        var integrator: UUIDArgument
        @Option(help: "A note for the key list, e.g. the system that uses it.")
        var label: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let issued = try await withIntakeAdministration { try await $0.issueKey(integratorID: integrator.value, label: label) }
            if output.json { return try output.printJSON(issued) }
            print("Key \(issued.keyId.canonicalString) issued. Give it to the integrator now; it cannot be shown again:")
            print(issued.key)
        }
    }

    /// `accord intake keys list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @Option(help: "Only this integrator's keys.")
        var integrator: UUIDArgument?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let keys = try await withIntakeAdministration { try await $0.keys(integratorID: integrator?.value) }
            if output.json { return try output.printJSON(keys) }
            var table = TextTable("KEY", "INTEGRATOR", "LABEL", "CREATED", "EXPIRES", "STATE")
            let format = Date.ISO8601FormatStyle()
            for key in keys {
                table.append(
                    key.id.canonicalString, key.integratorId.canonicalString, key.label ?? "-",
                    key.createdAt.formatted(format), key.expiresAt.map { $0.formatted(format) } ?? "-", key.state)
            }
            print(keys.isEmpty ? "No keys." : table.rendered)
        }
    }

    /// `accord intake keys rotate`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a successor to a key; the old key keeps working for the overlap, then expires.")

        @Argument(help: "The id of the key to replace.")
        var key: UUIDArgument
        @Option(help: "Hours both keys work, so the integrator can switch without a gap.")
        var overlapHours = 24.0
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard overlapHours.isFinite, (0...720).contains(overlapHours) else { throw ValidationError("--overlap-hours must be from 0 to 720") }
        }

        func run() async throws {
            let issued = try await withIntakeAdministration { try await $0.rotate(keyID: key.value, overlap: .seconds(overlapHours * 3600)) }
            if output.json { return try output.printJSON(issued) }
            print("Key \(issued.keyId.canonicalString) issued; the old key works until \(issued.replacedKeyExpiresAt.map { $0.formatted(Date.ISO8601FormatStyle()) } ?? "-").")
            print("Give the new key to the integrator now; it cannot be shown again:")
            print(issued.key)
        }
    }

    /// `accord intake keys revoke`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; it stops working within seconds.")

        @Argument(help: "The key's id.")
        var key: UUIDArgument

        func run() async throws {
            try await withIntakeAdministration { try await $0.revoke(keyID: key.value) }
            print("Key \(key.value.canonicalString) revoked.")
        }
    }
}
