import Bus
import Configuration
import Foundation
import Hummingbird
import HummingbirdTesting
import Models
import MonitoringService
import Postgres
import PostgresMigrations
import StaffAccess
import TestSupport

/// `accord-monitoring` on the test's fresh database, and helpers to record organisations, put
/// events on the bus as intake and scheduling would, and ask for reports.
struct MonitoringHarness: Sendable {
    let pool: PostgresPool

    /// Settings for a test: its database, a free port, small projection batches.
    static func environment(_ settings: [String: String] = [:]) throws -> [String: String] {
        let defaults = [
            "HTTP_PORT": "0", "LOG_LEVEL": "warning", "DATABASE_POOL_SIZE": "4", "PROJECTION_BATCH_SIZE": "50", "STAFF_TOKEN_SECRET": tokenSecret,
        ]
        return try TestDatabase.required().environment.merging(defaults) { $1 }.merging(settings) { $1 }
    }

    /// Migrates the database (so events published before the service starts reach its queue).
    static func prepare() async throws -> MonitoringHarness {
        let pool = try TestDatabase.required().makePool(maxConnections: 3)
        try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations(), try MonitoringSchema.migrations()])
        return MonitoringHarness(pool: pool)
    }

    /// The staff tokens' secret the service is given.
    static let tokenSecret = String(repeating: "m", count: 32)

    /// Runs `body` while a started service consumes the queues.
    func running(settings: [String: String] = [:], _ body: @Sendable () async throws -> Void) async throws {
        try await serving(settings: settings) { _ in try await body() }
    }

    /// Runs `body` with a client of the started service's API.
    func serving(settings: [String: String] = [:], _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(reader: ConfigReader(service: .monitoring, environment: try Self.environment(settings)))
        try await app.test(.live) { try await body($0) }
    }

    /// A staff token for `role` in `organisation`.
    func token(_ role: StaffRole, organisation: UUID) async throws -> String {
        try await StaffTokens(secret: Self.tokenSecret).issue(
            for: StaffCaller(organisationID: OrganisationID(organisation), role: role, subject: "\(role.rawValue)-tests"), lifetime: 600)
    }

    /// Records an organisation.
    func organisation(
        _ id: UUID = UUID.v7(), kind: OrganisationRegistry.Kind, municipality: UUID? = nil, region: String = "perm", timeZone: String = "Asia/Yekaterinburg"
    ) async throws -> UUID {
        try await pool.withConnection {
            try await OrganisationRegistry.set(id, name: "org \(id)", kind: kind, municipality: municipality, region: region, timeZone: timeZone, on: $0)
        }
        return id
    }

    /// A municipal service and one of its schools with ``KnownHistory`` on the bus; with
    /// `publishTwice`, every event again in reverse order (a redelivery); without
    /// `formerContracts`, only what the services publish today (not `trainingDone`, a
    /// `plan_activity.completed.v1`).
    func knownHistory(publishTwice: Bool = false, formerContracts: Bool = true) async throws -> KnownHistory {
        let municipality = try await organisation(kind: .municipalService)
        let history = KnownHistory(school: try await organisation(kind: .schoolService, municipality: municipality), municipality: municipality)
        let former = formerContracts ? [history.trainingDone] : []
        try await publish(history.events + former)
        if publishTwice { try await publish(history.events.reversed() + former) }
        return history
    }

    /// Publishes events as their producers do.
    func publish(_ events: [any MessageContract]) async throws {
        try await pool.withTransaction { connection in
            for event in events { try await MessageBus.publish(event, correlationID: nil, in: connection) }
        }
    }

    /// Whether the projection has taken every event (within `limit`).
    func projected(within limit: Duration = .seconds(20)) async throws -> Bool {
        try await eventually(within: limit) {
            try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'monitoring' AND state <> 'dead'") == 0
        }
    }

    /// Asks for a report and waits for its figures.
    func report(
        _ scope: QuarterlyReport.Scope, organisation: UUID? = nil, region: String? = nil, quarter: String, within limit: Duration = .seconds(30)
    ) async throws -> QuarterlyReport? {
        let requested = try await pool.withTransaction {
            try await ReportStore.request(scope, organisation: organisation, region: region, quarter: Quarter(quarter)!, in: $0)
        }
        guard try await eventually(within: limit, { try await completed(requested.id) }) else { return nil }
        return try await pool.withConnection { try await ReportStore.report(requested.id, on: $0) }
    }

    /// Whether a report's current generation is assembled.
    func completed(_ report: UUID) async throws -> Bool {
        try await pool.count("SELECT count(*) FROM monitoring.reports WHERE id = \(report) AND completed_at IS NOT NULL") == 1
    }

    /// A report's totals as `indicator/dimension → value` (`indicator` alone when not broken down).
    func totals(_ report: UUID) async throws -> [String: Double] {
        let figures = try await pool.withConnection { try await ReportStore.totals(of: report, on: $0) }
        return Dictionary(uniqueKeysWithValues: figures.map { ($0.dimension.isEmpty ? $0.indicator : "\($0.indicator)/\($0.dimension)", $0.value) })
    }

    /// The figures of one organisation in a report, keyed like ``totals(_:)``.
    func figures(_ report: UUID, of organisation: UUID) async throws -> [String: Double] {
        let rows = try await pool.query("""
            SELECT f.indicator, f.dimension, f.value::float8 FROM monitoring.report_figures f JOIN monitoring.reports r ON r.id = f.report_id
            WHERE f.report_id = \(report) AND f.generation = r.generation AND f.organisation_id = \(organisation)
            """)
        return Dictionary(uniqueKeysWithValues: try rows.map {
            let indicator = try $0.decode(String.self, at: 0), dimension = try $0.decode(String.self, at: 1)
            return (dimension.isEmpty ? indicator : "\(indicator)/\(dimension)", try $0.decode(Double.self, at: 2))
        })
    }
}

/// An instant from RFC 3339 text.
func at(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

/// A local date from `YYYY-MM-DD`.
func day(_ text: String) -> LocalDate {
    LocalDate(text)!
}
