import Bus
import Foundation
import Logging
import Models
import Postgres

/// Computes reports on the `monitoring.reports` queue: a part is one organisation's figures, the
/// assembly (enqueued by the bus once the last part has finished) sums them into the totals.
///
/// Every replica runs one, with nothing to configure: parts are claimed with `FOR UPDATE SKIP
/// LOCKED`, so replicas share them; a replica killed mid-part leaves its claim to expire and
/// another computes the part. Each write is keyed (`report_parts`' key, the totals' unique
/// index), so a part or an assembly that runs twice writes once.
struct ReportWorker: Sendable {
    let logger: Logger

    /// The worker: a few parts per claim, so that replicas split a report evenly.
    func worker(pool: PostgresPool, concurrency: Int, lease: Duration) -> QueueWorker {
        var options = QueueWorker.Options()
        options.batchSize = 2
        options.concurrency = concurrency
        options.lease = lease
        options.pollInterval = .milliseconds(500)
        return QueueWorker(pool: pool, queue: ReportStore.queue, options: options, logger: logger) { message, transaction in
            switch message.type {
            case ReportPartRequested.messageType:
                try await computePart(try message.decode(ReportPartRequested.self), in: transaction)
            case ReportAssemblyRequested.messageType:
                try await assemble(try message.decode(ReportAssemblyRequested.self), in: transaction)
            default:
                logger.warning("unexpected message on the reports queue", metadata: ["type": "\(message.type)"])
            }
            return .done
        }
    }

    /// One organisation's figures, unless the report has moved on to a newer generation (the
    /// part is stale) or the part is already there (a redelivery).
    func computePart(_ part: ReportPartRequested, in transaction: HandlerTransaction) async throws {
        let connection = try await transaction.connection()
        guard let context = try await connection.query("""
            SELECT o.time_zone FROM monitoring.reports r JOIN monitoring.organisations o ON o.id = \(part.organisationID)
            WHERE r.id = \(part.reportID) AND r.generation = \(part.generation)
            """).first
        else { return }
        let claimed = try await connection.query("""
            INSERT INTO monitoring.report_parts (report_id, generation, organisation_id) VALUES (\(part.reportID), \(part.generation), \(part.organisationID))
            ON CONFLICT DO NOTHING
            """).affectedRows
        guard claimed == 1 else { return }
        let timeZone = TimeZone(identifier: try context.decode(String.self, at: 0)) ?? TimeZone(identifier: "Asia/Yekaterinburg")!
        let figures = try await OrganisationFigures.compute(organisation: part.organisationID, timeZone: timeZone, quarter: part.quarter, on: connection)
        guard !figures.figures.isEmpty else { return }
        try await connection.query("""
            INSERT INTO monitoring.report_figures (report_id, generation, organisation_id, indicator, dimension, value)
            SELECT \(part.reportID), \(part.generation), \(part.organisationID), f.indicator, f.dimension, f.value
            FROM unnest(\(figures.figures.map(\.indicator))::text[], \(figures.figures.map(\.dimension))::text[], \(figures.figures.map(\.value))::float8[])
                AS f(indicator, dimension, value)
            """)
    }

    /// The totals: each figure summed over the generation's parts; then the report is complete.
    func assemble(_ assembly: ReportAssemblyRequested, in transaction: HandlerTransaction) async throws {
        let connection = try await transaction.connection()
        try await connection.query("""
            INSERT INTO monitoring.report_figures (report_id, generation, organisation_id, indicator, dimension, value)
            SELECT report_id, generation, NULL, indicator, dimension, sum(value) FROM monitoring.report_figures
            WHERE report_id = \(assembly.reportID) AND generation = \(assembly.generation) AND organisation_id IS NOT NULL
            GROUP BY report_id, generation, indicator, dimension
            ON CONFLICT DO NOTHING
            """)
        let completed = try await connection.query("""
            UPDATE monitoring.reports SET completed_at = now()
            WHERE id = \(assembly.reportID) AND generation = \(assembly.generation) AND completed_at IS NULL
            """).affectedRows
        if completed == 1 { logger.info("report assembled", metadata: ["report": "\(assembly.reportID)", "generation": "\(assembly.generation)"]) }
    }
}
