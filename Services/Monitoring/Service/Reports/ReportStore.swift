import Bus
import Foundation
import Models
import Postgres

/// Why a report request or move was refused.
public enum ReportRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The organisation is not registered with monitoring (`accord monitoring organisations set`).
    case unknownOrganisation
    /// A municipality's report names an organisation that is not a municipal service.
    case notAMunicipalService
    /// The region has no organisations.
    case emptyRegion
    /// No such report (or not the caller's).
    case notFound
    /// Its figures are still being computed.
    case notComplete
    /// Only a draft can be submitted, only a submitted report accepted.
    case wrongState(QuarterlyReport.State)
    /// The caller's organisation is not registered with monitoring.
    case notRegistered
    /// The caller may read the report but not do this.
    case forbidden

    /// What went wrong, for the administrator.
    public var description: String {
        switch self {
        case .unknownOrganisation: "the organisation is not registered with monitoring (accord monitoring organisations set)"
        case .notAMunicipalService: "a municipality's report is asked for by its municipal service"
        case .emptyRegion: "the region has no registered organisations"
        case .notFound: "no such report"
        case .notComplete: "the report's figures are still being computed"
        case .wrongState(let state): "the report is \(state.rawValue)"
        case .notRegistered: "the organisation is not registered with monitoring"
        case .forbidden: "not allowed for this role"
        }
    }
}

/// Quarterly reports: asking for one (or for its figures again), reading it, submitting and
/// accepting it.
public enum ReportStore {
    /// The queue parts and assemblies run on, shared by every replica.
    public static let queue = "monitoring.reports"

    /// Asks for a report's figures: the first time, a new draft; for a draft, a new generation
    /// that replaces its figures; for a submitted or accepted report, a new flagged revision,
    /// leaving the submitted one as it was. Fans out one part per organisation and registers the
    /// assembly, in the caller's transaction.
    public static func request(
        _ scope: QuarterlyReport.Scope, organisation: UUID?, region: String?, quarter: Quarter, in transaction: PostgresConnection
    ) async throws -> QuarterlyReport {
        let (members, reportRegion) = try await organisations(in: scope, organisation: organisation, region: region, on: transaction)
        let key = "\(scope.rawValue)|\(organisation?.uuidString ?? "")|\(reportRegion)|\(quarter)"
        // Two requests for the same report take turns, so neither makes a revision twice.
        try await transaction.query("SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))")
        let latest = try await transaction.query("""
            SELECT id, state, generation, revision FROM monitoring.reports
            WHERE scope = \(scope.rawValue) AND organisation_id IS NOT DISTINCT FROM \(organisation) AND region = \(reportRegion)
              AND quarter = \(quarter.description)
            ORDER BY revision DESC LIMIT 1
            """).first
        let id: UUID, generation: Int
        if let latest, try latest.decode(String.self, at: 1) == QuarterlyReport.State.draft.rawValue {
            id = try latest.decode(UUID.self, at: 0)
            generation = try latest.decode(Int.self, at: 2) + 1
            try await transaction.query("""
                UPDATE monitoring.reports SET generation = \(generation), parts_total = \(members.count), requested_at = now(), completed_at = NULL
                WHERE id = \(id)
                """)
        } else {
            id = UUID.v7()
            generation = 1
            let revision = (try latest?.decode(Int.self, at: 3) ?? 0) + 1
            try await transaction.query("""
                INSERT INTO monitoring.reports (id, scope, organisation_id, region, quarter, revision, flagged, generation, parts_total)
                VALUES (\(id), \(scope.rawValue), \(organisation), \(reportRegion), \(quarter.description), \(revision), \(revision > 1), 1, \(members.count))
                """)
        }
        let parts = try members.map {
            try OutgoingMessage(ReportPartRequested(reportID: id, generation: generation, organisationID: $0, quarter: quarter), correlationID: id)
        }
        try await MessageBus.enqueueBatch(
            parts, on: queue, completion: try OutgoingMessage(ReportAssemblyRequested(reportID: id, generation: generation), correlationID: id),
            completionQueue: queue, in: transaction)
        guard let report = try await report(id, on: transaction) else { throw ReportRefusal.notFound }
        return report
    }

    /// The organisations a report covers, and its region.
    private static func organisations(
        in scope: QuarterlyReport.Scope, organisation: UUID?, region: String?, on connection: PostgresConnection
    ) async throws -> ([UUID], String) {
        switch scope {
        case .region:
            guard let region else { throw ReportRefusal.emptyRegion }
            let members = try await connection.query("SELECT id FROM monitoring.organisations WHERE region = \(region) ORDER BY id")
                .map { try $0.decode(UUID.self, at: 0) }
            guard !members.isEmpty else { throw ReportRefusal.emptyRegion }
            return (members, region)
        case .organisation, .municipality:
            guard let organisation,
                let row = try await connection.query("SELECT kind, region FROM monitoring.organisations WHERE id = \(organisation)").first
            else { throw ReportRefusal.unknownOrganisation }
            let region = try row.decode(String.self, at: 1)
            guard scope == .municipality else { return ([organisation], region) }
            guard try row.decode(String.self, at: 0) == "municipal_service" else { throw ReportRefusal.notAMunicipalService }
            let members = try await connection.query("""
                SELECT id FROM monitoring.organisations WHERE id = \(organisation) OR municipality_id = \(organisation) ORDER BY id
                """).map { try $0.decode(UUID.self, at: 0) }
            return (members, region)
        }
    }

    /// A report, with its progress.
    public static func report(_ id: UUID, on connection: PostgresConnection) async throws -> QuarterlyReport? {
        try await connection.query(PostgresQuery(sql: "SELECT \(QuarterlyReport.columns) FROM monitoring.reports r WHERE r.id = $1", binds: [id]))
            .first.map(QuarterlyReport.init(row:))
    }

    /// The reports `access` may read (see ``ReportAccess``), newest first, at most 500: the one
    /// place that rule is written, for lists and for single reports (`id`) alike.
    static func reports(
        readableBy access: ReportAccess, id: UUID? = nil, quarter: Quarter? = nil, scope: QuarterlyReport.Scope? = nil,
        on connection: PostgresConnection
    ) async throws -> [QuarterlyReport] {
        try await connection.query("""
            SELECT \(unescaped: QuarterlyReport.columns) FROM monitoring.reports r
            WHERE ((r.scope <> 'region' AND r.organisation_id = \(access.organisation))
                   OR (r.scope = 'organisation' AND r.organisation_id IN (SELECT id FROM monitoring.organisations WHERE municipality_id = \(access.organisation)))
                   OR (\(access.isAdministrator) AND r.region = \(access.region)))
              AND (\(id)::uuid IS NULL OR r.id = \(id))
              AND (\(quarter?.description)::text IS NULL OR r.quarter = \(quarter?.description))
              AND (\(scope?.rawValue)::text IS NULL OR r.scope = \(scope?.rawValue))
            ORDER BY r.requested_at DESC, r.id LIMIT 500
            """).map(QuarterlyReport.init(row:))
    }

    /// What a report is about, as people call it: the organisation's name, or the region's.
    static func title(of report: QuarterlyReport, on connection: PostgresConnection) async throws -> String {
        guard let organisation = report.organisationID else { return "Регион \(report.region)" }
        return try await connection.query("SELECT name FROM monitoring.organisations WHERE id = \(organisation)").first?
            .decode(String.self, at: 0) ?? report.region
    }

    /// The municipal service an organisation reports to, if it has one.
    static func municipality(of organisation: UUID?, on connection: PostgresConnection) async throws -> UUID? {
        guard let organisation else { return nil }
        return try await connection.query("SELECT municipality_id FROM monitoring.organisations WHERE id = \(organisation)").first?
            .decode(UUID?.self, at: 0)
    }

    /// The report's totals for its current generation, in a stable order; empty while it runs.
    public static func totals(of id: UUID, on connection: PostgresConnection) async throws -> [ReportFigure] {
        try await connection.query("""
            SELECT f.indicator, f.dimension, f.value::float8 FROM monitoring.report_figures f JOIN monitoring.reports r ON r.id = f.report_id
            WHERE f.report_id = \(id) AND f.generation = r.generation AND f.organisation_id IS NULL AND r.completed_at IS NOT NULL
            ORDER BY f.indicator, f.dimension
            """).map {
            ReportFigure(indicator: try $0.decode(String.self, at: 0), dimension: try $0.decode(String.self, at: 1), value: try $0.decode(Double.self, at: 2))
        }
    }

    /// The school services in a municipality's or region's report that have not submitted their
    /// own report for its quarter, by name («не отчитались»).
    public static func notYetReported(in report: QuarterlyReport, on connection: PostgresConnection) async throws -> [(id: UUID, name: String)] {
        guard report.scope != .organisation else { return [] }
        return try await connection.query("""
            SELECT o.id, o.name FROM monitoring.organisations o
            WHERE o.kind = 'school_service'
              AND CASE WHEN \(report.scope.rawValue) = 'region' THEN o.region = \(report.region) ELSE o.municipality_id = \(report.organisationID) END
              AND NOT EXISTS (
                  SELECT 1 FROM monitoring.reports r WHERE r.scope = 'organisation' AND r.organisation_id = o.id
                      AND r.quarter = \(report.quarter.description) AND r.state IN ('submitted', 'accepted'))
            ORDER BY o.name, o.id
            """).map { (try $0.decode(UUID.self, at: 0), try $0.decode(String.self, at: 1)) }
    }

    /// Submits a complete draft; its figures are frozen from then on.
    public static func submit(_ id: UUID, by subject: String, in transaction: PostgresConnection) async throws -> QuarterlyReport {
        try await move(id, from: .draft, to: .submitted, by: subject, in: transaction)
    }

    /// Accepts a submitted report.
    public static func accept(_ id: UUID, by subject: String, in transaction: PostgresConnection) async throws -> QuarterlyReport {
        try await move(id, from: .submitted, to: .accepted, by: subject, in: transaction)
    }

    private static func move(
        _ id: UUID, from state: QuarterlyReport.State, to next: QuarterlyReport.State, by subject: String, in transaction: PostgresConnection
    ) async throws -> QuarterlyReport {
        guard let row = try await transaction.query("SELECT state, completed_at IS NOT NULL FROM monitoring.reports WHERE id = \(id) FOR UPDATE").first else {
            throw ReportRefusal.notFound
        }
        let current = QuarterlyReport.State(rawValue: try row.decode(String.self, at: 0)) ?? .draft
        guard current == state else { throw ReportRefusal.wrongState(current) }
        guard try row.decode(Bool.self, at: 1) else { throw ReportRefusal.notComplete }
        let submitting = next == .submitted
        try await transaction.query("""
            UPDATE monitoring.reports SET state = \(next.rawValue),
                submitted_at = CASE WHEN \(submitting) THEN now() ELSE submitted_at END,
                submitted_by = CASE WHEN \(submitting) THEN \(subject) ELSE submitted_by END,
                accepted_at = CASE WHEN \(submitting) THEN accepted_at ELSE now() END,
                accepted_by = CASE WHEN \(submitting) THEN accepted_by ELSE \(subject) END
            WHERE id = \(id)
            """)
        guard let report = try await report(id, on: transaction) else { throw ReportRefusal.notFound }
        return report
    }
}
