import ArgumentParser
import Foundation
import Models
import MonitoringService
import Postgres

/// `accord monitoring`: where organisations sit for reporting, and quarterly reports.
struct MonitoringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "Register organisations for reporting and run quarterly reports (school, municipality, region).",
        subcommands: [Organisations.self, Reports.self]
    )

    /// `accord monitoring organisations set`.
    struct Organisations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register where an organisation reports.", subcommands: [Set.self])

        /// `accord monitoring organisations set --organisation … --kind … --region …`.
        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record an organisation: its kind, its municipal service (for a school), its region and time zone.")

            @Option(help: "The organisation's id (the one intake and scheduling use).")
            var organisation: UUIDArgument
            @Option(help: "Its name, as reports show it.")
            var name: String
            @Option(help: "\(OrganisationRegistry.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            var kind: String
            @Option(help: "For a school service: the municipal service it reports to.")
            var municipality: UUIDArgument?
            @Option(help: "The region (e.g. perm); a region's report covers all its organisations.")
            var region: String
            @Option(help: "An IANA time zone: quarters start at local midnight there.")
            var timeZone = "Asia/Yekaterinburg"

            func validate() throws {
                guard OrganisationRegistry.Kind(rawValue: kind) != nil else {
                    throw ValidationError("--kind must be one of \(OrganisationRegistry.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }

            func run() async throws {
                try await withMonitoring { pool in
                    try await pool.withConnection {
                        try await OrganisationRegistry.set(
                            organisation.value, name: name, kind: OrganisationRegistry.Kind(rawValue: kind)!, municipality: municipality?.value,
                            region: region, timeZone: timeZone, on: $0)
                    }
                }
                print("Organisation \(organisation.value.canonicalString) recorded: \(kind), region \(region), \(timeZone).")
            }
        }
    }

    /// `accord monitoring reports request | show | submit | accept`.
    struct Reports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask for a quarterly report (computed by the running accord-monitoring replicas), read it, submit and accept it.",
            subcommands: [Request.self, Show.self, Submit.self, Accept.self])

        /// `accord monitoring reports request`.
        struct Request: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Compute a report (again): a draft gets new figures; a submitted report gets a flagged revision.")

            @Option(help: "organisation, municipality or region.")
            var scope: String
            @Option(help: "The organisation (scope organisation) or the municipal service (scope municipality).")
            var organisation: UUIDArgument?
            @Option(help: "The region (scope region).")
            var region: String?
            @Option(help: "The quarter, YYYY-QN.")
            var quarter: String
            @Flag(help: "Wait until the figures are assembled and print them.")
            var wait = false

            func validate() throws {
                guard QuarterlyReport.Scope(rawValue: scope) != nil else { throw ValidationError("--scope must be organisation, municipality or region") }
                guard Quarter(quarter) != nil else { throw ValidationError("--quarter must be YYYY-QN, e.g. 2026-Q3") }
            }

            func run() async throws {
                let report = try await withMonitoring { pool in
                    try await pool.withTransaction {
                        try await ReportStore.request(
                            QuarterlyReport.Scope(rawValue: scope)!, organisation: organisation?.value, region: region, quarter: Quarter(quarter)!, in: $0)
                    }
                }
                print("Report \(report.id.canonicalString) revision \(report.revision), generation \(report.generation): \(report.partsTotal) organisation(s).")
                if wait { try await Show.print(report.id, waiting: true) }
            }
        }

        /// `accord monitoring reports show <id>`.
        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "A report's state, progress and totals.")

            @Argument(help: "The report's id.")
            var report: UUIDArgument

            func run() async throws {
                try await Self.print(report.value, waiting: false)
            }

            static func print(_ id: UUID, waiting: Bool) async throws {
                let (report, totals, missing) = try await withMonitoring { pool in
                    while true {
                        let report = try await pool.withConnection { try await ReportStore.report(id, on: $0) }
                        guard let report else { throw ReportRefusal.notFound }
                        if report.completedAt != nil || !waiting {
                            return try await pool.withConnection {
                                (report, try await ReportStore.totals(of: id, on: $0), try await ReportStore.notYetReported(in: report, on: $0).map(\.name))
                            }
                        }
                        try await Task.sleep(for: .milliseconds(200))
                    }
                }
                Swift.print("""
                    \(report.scope.rawValue) \(report.quarter) revision \(report.revision)\(report.flagged ? " (flagged: after submission)" : ""): \
                    \(report.state.rawValue), \(report.partsDone)/\(report.partsTotal) organisations\(report.completedAt == nil ? ", computing" : "")
                    """)
                var table = TextTable("INDICATOR", "BY", "VALUE")
                for figure in totals { table.append(figure.indicator, figure.dimension, String(format: "%g", figure.value)) }
                if !totals.isEmpty { Swift.print(table.rendered) }
                if !missing.isEmpty { Swift.print("Not yet reported (\(missing.count)): \(missing.joined(separator: ", "))") }
            }
        }

        /// `accord monitoring reports submit <id> --by …`.
        struct Submit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Submit a complete draft; its figures are frozen.")

            @OptionGroup var move: ReportMove

            func run() async throws {
                try await move.run("submitted", ReportStore.submit)
            }
        }

        /// `accord monitoring reports accept <id> --by …`.
        struct Accept: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Accept a submitted report.")

            @OptionGroup var move: ReportMove

            func run() async throws {
                try await move.run("accepted", ReportStore.accept)
            }
        }
    }
}

/// A report and who moves it (`submit`, `accept`).
struct ReportMove: ParsableArguments {
    @Argument(help: "The report's id.")
    var report: UUIDArgument
    @Option(help: "Who does it, for the record: a login name.")
    var by: String

    /// Moves the report with `move` in one transaction and says so.
    func run(_ done: String, _ move: @Sendable (UUID, String, PostgresConnection) async throws -> QuarterlyReport) async throws {
        let id = report.value, by = by
        _ = try await withMonitoring { pool in try await pool.withTransaction { try await move(id, by, $0) } }
        print("Report \(id.canonicalString) \(done).")
    }
}

/// Runs `body` with a pool on the database the environment names; refusals become usage errors.
private func withMonitoring<T: Sendable>(_ body: (PostgresPool) async throws -> T) async throws -> T {
    do {
        return try await withAdministrationPool(body)
    } catch let refusal as ReportRefusal {
        throw ValidationError(refusal.description)
    } catch let refusal as OrganisationRegistry.Refusal {
        throw ValidationError(refusal.description)
    }
}
