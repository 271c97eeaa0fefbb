import Bus
import Foundation
import Logging
import Models
import Postgres

/// Reminds school services that have not submitted their quarterly report: 7, 3 and 1 days
/// before the due date (the 25th of the quarter's last month, in the school's own time zone),
/// by asking notifications to write to the school service's own address
/// (`notification.requested.v1`, template `quarterly_report_due`). A sweep runs hourly, once
/// across replicas; a stage missed while nothing ran is sent at the next sweep, never twice.
enum ReportReminders {
    /// The sweep's own queue: the periodic scheduler puts one message here per firing.
    static let queue = "monitoring.reminders"
    /// Days before the due date a reminder goes out, latest stage last.
    static let stages = [7, 3, 1]

    /// One firing of the sweep.
    struct Due: MessageContract {
        static let messageType = "monitoring.reminder_sweep.v1"
        /// The firing's scheduled time.
        var firedAt: Date
    }

    /// The periodic job: hourly, once across all replicas.
    static func job() throws -> PeriodicJob {
        PeriodicJob(
            name: "monitoring.reminder_sweep", schedule: try CronSchedule("0 * * * *"), timeZone: TimeZone(identifier: "UTC")!,
            queue: queue, message: { firedAt in try! OutgoingMessage(Due(firedAt: firedAt)) })
    }

    /// Consumes the firings.
    static func worker(pool: PostgresPool, logger: Logger) -> QueueWorker {
        QueueWorker(pool: pool, queue: queue, consuming: Due.self, logger: logger) { _, transaction in
            let sent = try await sweep(in: try await transaction.connection(), now: Date())
            if sent > 0 { logger.info("quarterly report reminders requested", metadata: ["count": "\(sent)"]) }
            return .done
        }
    }

    /// The stage due for a school whose report is due in `daysLeft` days, if any: the latest
    /// stage not yet passed (5 days left → the 7-day reminder, if it was not sent).
    static func stage(daysLeft: Int) -> Int? {
        guard daysLeft >= 0 else { return nil }
        return stages.filter { $0 >= daysLeft }.min()
    }

    /// Requests every reminder due at `now` and not yet sent; returns how many.
    @discardableResult
    static func sweep(in connection: PostgresConnection, now: Date) async throws -> Int {
        let schools = try await connection.query("""
            SELECT id, time_zone FROM monitoring.organisations WHERE kind = 'school_service' ORDER BY id
            """).map { (try $0.decode(UUID.self, at: 0), TimeZone(identifier: try $0.decode(String.self, at: 1)) ?? .gmt) }
        var sent = 0
        for (school, zone) in schools {
            let today = LocalDate(containing: now, in: zone)
            let quarter = Quarter(containing: today)
            let due = quarter.reportDueDate
            let daysLeft = Int(((due.start(in: .gmt).timeIntervalSince(today.start(in: .gmt))) / 86_400).rounded())
            guard let stage = stage(daysLeft: daysLeft) else { continue }
            let notification = UUID.v7(at: now)
            let recorded = try await connection.query("""
                INSERT INTO monitoring.report_reminders (organisation_id, quarter, days_before, notification_id)
                SELECT \(school), \(quarter.description), \(stage), \(notification)
                WHERE NOT EXISTS (
                    SELECT 1 FROM monitoring.reports r WHERE r.scope = 'organisation' AND r.organisation_id = \(school)
                        AND r.quarter = \(quarter.description) AND r.state IN ('submitted', 'accepted'))
                ON CONFLICT DO NOTHING
                """).affectedRows
            guard recorded == 1 else { continue }
            try await MessageBus.publish(NotificationRequested(
                notificationID: notification, organisationID: OrganisationID(school),
                recipient: NotificationRecipient(kind: .organisation, id: school), template: "quarterly_report_due", language: nil,
                data: ["quarter": quarter.description, "due_on": due.description], sendAfter: nil,
                groupKey: "report_due:\(school.uuidString.lowercased()):\(quarter)"), correlationID: nil, in: connection)
            sent += 1
        }
        return sent
    }
}
