import ArgumentParser
import Foundation
import Models
import SchedulingService

/// `accord scheduling`: the people who work the cases.
struct SchedulingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduling",
        abstract: "Manage the specialists who work cases (mediators, social pedagogues, psychologists, curators…).",
        subcommands: [Specialists.self, Organisations.self]
    )

    /// `accord scheduling specialists add | list`.
    struct Specialists: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register and list specialists; new cases are proposed to the least loaded of a fitting role.",
            subcommands: [Add.self, List.self]
        )

        /// `accord scheduling specialists add`.
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Register a specialist in an organisation.")

            @Option(help: "The organisation (МСП, СПЦ, ШСП) they work in.")
            var organisation: UUIDArgument
            @Option(help: "Their name as colleagues see it.")
            var name: String
            @Option(help: "A role (repeat for several): \(SpecialistRole.allCases.map(\.rawValue).joined(separator: ", ")).")
            var role: [String]
            @Option(help: "How many open cases make a full caseload.")
            var maxCaseload = 12
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let specialist = try await withSpecialistAdministration {
                    try await $0.addSpecialist(organisationID: organisation.value, displayName: name, roles: role, maxCaseload: maxCaseload)
                }
                if output.json { return try output.printJSON(specialist) }
                print("Specialist \(specialist.id.canonicalString) registered.")
            }
        }

        /// `accord scheduling specialists list`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List specialists with their current caseloads.")

            @Option(help: "Only this organisation's.")
            var organisation: UUIDArgument?
            @OptionGroup var output: OutputOptions

            func run() async throws {
                let specialists = try await withSpecialistAdministration { try await $0.specialists(organisationID: organisation?.value) }
                if output.json { return try output.printJSON(specialists) }
                var table = TextTable("ID", "ORGANISATION", "NAME", "ROLES", "CASELOAD", "STATE")
                for specialist in specialists {
                    table.append(
                        specialist.id.canonicalString, specialist.organisationId.canonicalString, specialist.displayName,
                        specialist.roles.joined(separator: ","), "\(specialist.openCases)/\(specialist.maxCaseload)",
                        specialist.active ? "active" : "inactive")
                }
                print(specialists.isEmpty ? "No specialists." : table.rendered)
            }
        }
    }
}

extension SchedulingCommand {
    /// `accord scheduling organisations set`.
    struct Organisations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an organisation's time zone and first-contact norm.", subcommands: [Set.self])

        /// `accord scheduling organisations set --organisation … --time-zone … --first-contact-days …`.
        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Set the time zone calendars and deadlines are read in, and the first-contact norm.")

            @Option(help: "The organisation.")
            var organisation: UUIDArgument
            @Option(help: "An IANA time zone, e.g. Asia/Yekaterinburg, Asia/Almaty, Europe/Minsk.")
            var timeZone: String
            @Option(help: "Days from a referral to the first contact with a party (1–60).")
            var firstContactDays = 3

            func run() async throws {
                try await withSpecialistAdministration {
                    try await $0.setOrganisation(organisation.value, timeZone: timeZone, firstContactDays: firstContactDays)
                }
                print("Organisation \(organisation.value.canonicalString) set: \(timeZone), first contact within \(firstContactDays) day(s).")
            }
        }
    }
}

/// Runs `body` with the scheduling administration of the database the environment names.
func withSpecialistAdministration<T: Sendable>(_ body: (SpecialistAdministration) async throws -> T) async throws -> T {
    try await withAdministration(SpecialistAdministration.init, refusing: SpecialistAdministration.Refusal.self, body)
}
