import Bus
import Foundation
import Logging
import Models
import Postgres

/// Scheduling's own timer: every five minutes a sweep finds open cases past a deadline — no
/// first contact within the organisation's norm, or the sender's answer date gone by — and
/// raises `case.overdue.v1` once per case and deadline, with a warning to the specialist who
/// leads it. Seed 001 III.2: every referral is worked on («100% отработка»), so none may slip
/// past unnoticed.
enum DeadlineSweep {
    /// The sweep's own queue: the periodic scheduler puts one message here per firing.
    static let queue = "scheduling.deadlines"

    /// One firing of the sweep.
    struct Due: MessageContract {
        static let messageType = "scheduling.deadline_sweep.v1"
        /// The firing's scheduled time.
        var firedAt: Date
    }

    /// The periodic job: every five minutes, once across all replicas.
    static func job() throws -> PeriodicJob {
        PeriodicJob(
            name: "scheduling.deadline_sweep", schedule: try CronSchedule("*/5 * * * *"), timeZone: TimeZone(identifier: "UTC")!,
            queue: queue, message: { firedAt in try! OutgoingMessage(Due(firedAt: firedAt)) })
    }

    /// Consumes the firings.
    static func worker(pool: PostgresPool, logger: Logger) -> QueueWorker {
        QueueWorker(pool: pool, queue: queue, consuming: Due.self, logger: logger) { _, transaction in
            let raised = try await sweep(in: try await transaction.connection(), now: Date())
            if raised > 0 { logger.info("cases overdue", metadata: ["raised": "\(raised)"]) }
            return .done
        }
    }

    /// The most cases one sweep reports per deadline; the next firing takes the rest.
    static let batch = 500

    /// Raises every deadline missed by `now` and not yet raised.
    ///
    /// - Returns: how many `case.overdue.v1` events were published.
    @discardableResult
    static func sweep(in connection: PostgresConnection, now: Date) async throws -> Int {
        // Row locks taken with SKIP LOCKED, and the mark written with the events: two sweeps
        // that overlap never raise one deadline twice.
        let firstContact = try await connection.query("""
            WITH due AS (
                SELECT id FROM scheduling.cases
                WHERE first_contact_at IS NULL AND state <> 'closed' AND first_contact_due_at <= \(now)
                  AND NOT ('first_contact' = ANY (overdue_reported))
                ORDER BY first_contact_due_at LIMIT \(batch) FOR UPDATE SKIP LOCKED
            )
            UPDATE scheduling.cases c SET overdue_reported = c.overdue_reported || 'first_contact'::text FROM due WHERE c.id = due.id
            RETURNING c.id, c.referral_id, c.organisation_id, coalesce(c.specialist_id, c.proposed_specialist_id), c.first_contact_due_at
            """)
        // A sender's deadline is a local day: missed once that day is over where the organisation is.
        let senderDeadline = try await connection.query("""
            WITH due AS (
                SELECT c.id, ((c.sender_deadline + 1)::timestamp AT TIME ZONE coalesce(o.time_zone, 'UTC')) AS due_at
                FROM scheduling.cases c LEFT JOIN scheduling.organisations o ON o.id = c.organisation_id
                WHERE c.sender_deadline IS NOT NULL AND c.state <> 'closed' AND c.sender_deadline <= (\(now)::timestamptz)::date + 1
                  AND NOT ('sender_deadline' = ANY (c.overdue_reported))
                ORDER BY c.sender_deadline LIMIT \(batch) FOR UPDATE OF c SKIP LOCKED
            )
            UPDATE scheduling.cases c SET overdue_reported = c.overdue_reported || 'sender_deadline'::text
            FROM due WHERE c.id = due.id AND due.due_at <= \(now)
            RETURNING c.id, c.referral_id, c.organisation_id, coalesce(c.specialist_id, c.proposed_specialist_id), due.due_at
            """)
        // Every event and warning of the sweep in one statement per topic, not two per case.
        var events: [OutgoingMessage] = [], warnings: [OutgoingMessage] = []
        for (deadline, rows) in [(CaseDeadline.firstContact, firstContact), (.senderDeadline, senderDeadline)] {
            for row in rows {
                let event = CaseOverdue(
                    caseID: CaseID(try row.decode(UUID.self, at: 0)), referralID: ReferralID(try row.decode(UUID.self, at: 1)),
                    organisationID: OrganisationID(try row.decode(UUID.self, at: 2)), deadline: deadline, dueAt: try row.decode(Date.self, at: 4),
                    specialistID: try row.decode(UUID?.self, at: 3).map(SpecialistID.init), detectedAt: now)
                events.append(try OutgoingMessage(event, correlationID: event.referralID.uuid))
                if let specialist = event.specialistID {
                    let warning = NotificationRequested(
                        notificationID: UUID.v7(at: now), organisationID: event.organisationID,
                        recipient: NotificationRecipient(kind: .specialist, id: specialist.uuid), template: .caseOverdue, language: nil,
                        data: ["case_id": event.caseID.description, "deadline": deadline.rawValue,
                               "due_at": PostgresTimestamp.format(event.dueAt, separator: "T", utcSuffix: "Z")],
                        sendAfter: nil, groupKey: nil)
                    warnings.append(try OutgoingMessage(warning, correlationID: event.referralID.uuid))
                }
            }
        }
        if !events.isEmpty { try await MessageBus.publish(events, topic: CaseOverdue.messageType, in: connection) }
        if !warnings.isEmpty { try await MessageBus.publish(warnings, topic: NotificationRequested.messageType, in: connection) }
        return events.count
    }
}
