import ArgumentParser
import Foundation
import Models
import SchedulingService
import ServiceRuntime
import StaffAccess

/// `accord tokens issue`: staff tokens for the scheduling and notifications APIs, until staff
/// tools have a login.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Issue signed staff tokens for the scheduling and notifications APIs (HS256, secret from STAFF_TOKEN_SECRET).",
        subcommands: [Issue.self]
    )

    /// `accord tokens issue --org … --role …`.
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a token for one person of one organisation in one role.")

        @Option(help: "The organisation (МСП, СПЦ, ШСП) the person works in.")
        var org: UUIDArgument
        @Option(help: """
            head (руководитель: also assigns cases, keeps the calendar, work plans and visits), specialist, \
            or administrator (the municipal IT admin: notifications' webhook subscriptions, integrators' addresses \
            and test sends; no access to cases).
            """)
        var role: String
        @Option(help: "The specialist the person is (a specialist sees the cases they lead, or are proposed for until someone is assigned).")
        var specialist: UUIDArgument?
        @Option(help: "Who the person is, for the audit log: a login name, never a personal name.")
        var subject: String?
        @Option(help: "Days the token is valid (1–90).")
        var days = 30

        func validate() throws {
            guard StaffRole(rawValue: role) != nil else { throw ValidationError("--role must be head, specialist or administrator") }
            guard (1...90).contains(days) else { throw ValidationError("--days must be 1 to 90") }
            guard role != StaffRole.specialist.rawValue || specialist != nil else {
                throw ValidationError("a specialist's token names the specialist: --specialist <id>")
            }
        }

        func run() async throws {
            let environment = try SecretFileEnvironment.resolved()
            guard let secret = environment["SCHEDULING_STAFF_TOKEN_SECRET"] ?? environment["STAFF_TOKEN_SECRET"] else {
                throw ValidationError("set STAFF_TOKEN_SECRET to the secret accord-scheduling uses")
            }
            let specialistID = specialist.map { SpecialistID($0.value) }
            let caller = StaffCaller(
                organisationID: OrganisationID(org.value), role: StaffRole(rawValue: role)!,
                subject: subject ?? specialistID.map { "specialist:\($0)" } ?? "\(role):\(org.value.canonicalString)",
                specialistID: specialistID)
            let tokens: StaffTokens
            do {
                tokens = try await StaffTokens(secret: secret)
            } catch {
                throw ValidationError("STAFF_TOKEN_SECRET must have at least \(StaffTokens.minimumSecretBytes) bytes")
            }
            print(try await tokens.issue(for: caller, lifetime: TimeInterval(days) * 86_400))
        }
    }
}
