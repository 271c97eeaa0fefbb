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

    /// Requests every reminder due at `now` and not yet sent; returns how many. The stages are
    /// worked out per school in its own zone, then recorded in one statement that skips schools
    /// that submitted and stages already sent, and the requests go out in one publish.
    @discardableResult
    static func sweep(in connection: PostgresConnection, now: Date) async throws -> Int {
        let schools = try await connection.query("""
            SELECT id, time_zone FROM monitoring.organisations WHERE kind = 'school_service' ORDER BY id
            """).map { (try $0.decode(UUID.self, at: 0), TimeZone(identifier: try $0.decode(String.self, at: 1)) ?? .gmt) }
        var due: (schools: [UUID], quarters: [String], stages: [Int], notifications: [UUID], dates: [String: String]) = ([], [], [], [], [:])
        for (school, zone) in schools {
            let today = LocalDate(containing: now, in: zone)
            let quarter = Quarter(containing: today)
            let daysLeft = Int(((quarter.reportDueDate.start(in: .gmt).timeIntervalSince(today.start(in: .gmt))) / 86_400).rounded())
            guard let stage = stage(daysLeft: daysLeft) else { continue }
            due.schools.append(school)
            due.quarters.append(quarter.description)
            due.stages.append(stage)
            due.notifications.append(UUID.v7(at: now))
            due.dates[quarter.description] = quarter.reportDueDate.description
        }
        guard !due.schools.isEmpty else { return 0 }
        let recorded = try await connection.query("""
            INSERT INTO monitoring.report_reminders (organisation_id, quarter, days_before, notification_id)
            SELECT d.school, d.quarter, d.stage, d.notification
            FROM unnest(\(due.schools)::uuid[], \(due.quarters)::text[], \(due.stages)::int[], \(due.notifications)::uuid[]) AS d(school, quarter, stage, notification)
            WHERE NOT EXISTS (
                SELECT 1 FROM monitoring.reports r WHERE r.scope = 'organisation' AND r.organisation_id = d.school
                    AND r.quarter = d.quarter AND r.state IN ('submitted', 'accepted'))
            ORDER BY d.school
            ON CONFLICT DO NOTHING
            RETURNING organisation_id, quarter, notification_id
            """).map { (try $0.decode(UUID.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(UUID.self, at: 2)) }
        guard !recorded.isEmpty else { return 0 }
        let requests = try recorded.map { school, quarter, notification in
            try OutgoingMessage(NotificationRequested(
                notificationID: notification, organisationID: OrganisationID(school),
                recipient: NotificationRecipient(kind: .organisation, id: school), template: .quarterlyReportDue, language: nil,
                data: ["quarter": quarter, "due_on": due.dates[quarter] ?? ""], sendAfter: nil,
                groupKey: "report_due:\(school.uuidString.lowercased()):\(quarter)"))
        }
        try await MessageBus.publish(requests, topic: NotificationRequested.messageType, in: connection)
        return recorded.count
    }
}
