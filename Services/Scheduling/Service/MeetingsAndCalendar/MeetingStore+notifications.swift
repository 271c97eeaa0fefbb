import Bus
import Foundation
import Models
import Postgres

extension MeetingStore {
    /// How long before a meeting its reminders go out.
    static let reminderLeads: [TimeInterval] = [24 * 3600, 2 * 3600]

    /// Asks notifications to invite every party and specialist now and remind them 24 h and 2 h
    /// before (a reminder whose time has passed is not asked for). All in the booking's
    /// transaction, under the meeting's group key. Notifications learns of meetings only through
    /// these requests and their withdrawal: no `meeting.scheduled` event is published.
    static func announce(_ meeting: Meeting, of record: CaseRecord, rescheduled: Bool, in connection: PostgresConnection, now: Date) async throws {
        let recipients = meeting.partyIDs.map { NotificationRecipient(kind: .party, id: $0.uuid) }
            + meeting.specialistIDs.map { NotificationRecipient(kind: .specialist, id: $0.uuid) }
        let data = [
            "meeting_id": meeting.id.description, "meeting_kind": meeting.kind.rawValue,
            "starts_at": PostgresTimestamp.format(meeting.startsAt, separator: "T", utcSuffix: "Z"), "ends_at": PostgresTimestamp.format(meeting.endsAt, separator: "T", utcSuffix: "Z"),
            "room_id": meeting.roomID?.uuidString.lowercased() ?? "", "rescheduled": String(rescheduled),
        ]
        let reminders = reminderLeads.map { meeting.startsAt.addingTimeInterval(-$0) }.filter { $0 > now }
        let sends: [(template: NotificationTemplate, after: Date?)] = [(.meetingInvitation, nil)] + reminders.map { (.meetingReminder, $0) }
        var requests: [OutgoingMessage] = []
        for recipient in recipients {
            for send in sends {
                let request = NotificationRequested(
                    notificationID: UUID.v7(at: now), organisationID: record.organisationID, recipient: recipient, template: send.template,
                    language: nil, data: data, sendAfter: send.after, groupKey: groupKey(of: meeting))
                requests.append(try OutgoingMessage(request, correlationID: record.referralID.uuid))
            }
        }
        try await MessageBus.publish(requests, topic: NotificationRequested.messageType, in: connection)
    }

    /// Withdraws the invitation and reminders of a meeting that was moved or cancelled.
    static func withdrawNotifications(of meeting: Meeting, organisation: OrganisationID, in connection: PostgresConnection, now: Date) async throws {
        try await MessageBus.publish(
            NotificationsWithdrawn(organisationID: organisation, groupKey: groupKey(of: meeting), withdrawnAt: now),
            correlationID: meeting.caseID.uuid, in: connection)
    }

    /// The key a meeting's notifications are requested and withdrawn under: one per version of
    /// the meeting (its start), so withdrawing a moved meeting's reminders, however late it is
    /// delivered, never touches those of its new time.
    static func groupKey(of meeting: Meeting) -> String {
        "meeting:\(meeting.id):\(Int(meeting.startsAt.timeIntervalSince1970))"
    }
}
