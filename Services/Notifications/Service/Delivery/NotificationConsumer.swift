import Bus
import Foundation
import Logging
import Models
import Postgres

/// Consumes the `notifications` queue: requests and withdrawals, the events this service turns
/// into notifications itself (a case assigned to a specialist), the events delivered to
/// integrators' webhooks, and intake's webhook registrations. Every effect commits with the
/// message's acknowledgement, so a redelivered message changes nothing twice.
struct NotificationConsumer: Sendable {
    /// The queue, subscribed to its topics by migration 0002.
    static let queue = "notifications"

    let planner: DeliveryPlanner
    let subscriptions: WebhookSubscriptionStore
    let logger: Logger

    func worker(pool: PostgresPool) -> QueueWorker {
        QueueWorker(pool: pool, queue: Self.queue, logger: logger) { message, transaction in
            try await handle(message, on: try await transaction.connection())
            return .done
        }
    }

    func handle(_ message: ClaimedMessage, on connection: PostgresConnection) async throws {
        let now = Date()
        switch message.type {
        case NotificationRequested.messageType:
            let request = try message.decode(NotificationRequested.self)
            try await planner.plan(
                DeliveryPlanner.Notification(
                    id: request.notificationID.uuid, organisationID: request.organisationID, recipient: request.recipient,
                    template: request.template, language: request.language, data: request.data, sendAfter: request.sendAfter,
                    groupKey: request.groupKey),
                in: connection, now: now)
        case NotificationsWithdrawn.messageType:
            try await DeliveryPlanner.withdraw(try message.decode(NotificationsWithdrawn.self), in: connection, now: now)
        case CaseAssigned.messageType:
            let assignment = try message.decode(CaseAssigned.self)
            try await planner.plan(
                DeliveryPlanner.Notification(
                    id: WebhookEvent.eventID(forMessage: message.id), organisationID: assignment.organisationID,
                    recipient: NotificationRecipient(kind: .specialist, id: assignment.specialistID.uuid), template: NotificationTemplate.caseAssigned.rawValue,
                    language: nil, data: ["case_id": assignment.caseID.description], sendAfter: nil, groupKey: nil),
                in: connection, now: now)
        case ReferralStatusChanged.messageType:
            try await referralStatusChanged(message, on: connection, now: now)
        case WebhookRegistered.messageType:
            try await subscriptions.apply(try message.decode(WebhookRegistered.self), in: connection, now: now)
        case WebhookRemoved.messageType:
            try await subscriptions.apply(try message.decode(WebhookRemoved.self), in: connection)
        default:
            logger.warning("ignoring unexpected message", metadata: ["queue": "\(Self.queue)", "type": "\(message.type)"])
        }
    }

    /// A referral's new status goes to the integrator's subscriptions and, if the integrator gave
    /// an address for it, by email too (a receipt for `received`).
    private func referralStatusChanged(_ message: ClaimedMessage, on connection: PostgresConnection, now: Date) async throws {
        let change = try message.decode(ReferralStatusChanged.self)
        let event = WebhookEvent(messageID: message.id, type: message.type, payload: message.payload, occurredAt: change.changedAt)
        try await subscriptions.fanOut(event, to: change.integratorID, in: connection, now: now)
        let known = try await connection.query("""
            SELECT 1 FROM notifications.recipients WHERE kind = 'integrator' AND id = \(change.integratorID.uuid)
            """)
        guard !known.isEmpty else { return }
        var data = ["reference_number": change.referenceNumber, "status": change.status.rawValue, "changed_at": PostgresTimestamp.format(change.changedAt, separator: "T", utcSuffix: "Z")]
        data["outcome"] = change.outcome?.rawValue
        data["received_at"] = change.status == .received ? data["changed_at"] : nil
        try await planner.plan(
            DeliveryPlanner.Notification(
                id: event.id, organisationID: nil, recipient: NotificationRecipient(kind: .integrator, id: change.integratorID.uuid),
                template: (change.status == .received ? NotificationTemplate.referralReceived : .referralStatusChanged).rawValue, language: nil, data: data,
                sendAfter: nil, groupKey: nil),
            in: connection, now: now)
    }
}
