import Foundation

/// `notification.requested.v1`: asks the notifications service to tell someone something: a template rendered in the recipient's
/// language with ``data``, not before ``sendAfter``. The recipient is a reference, never an address:
/// notifications resolves contacts through its own recipients. ``notificationID`` is the idempotency
/// key: a redelivered request sends nothing twice.
public struct NotificationRequested: TopicContract, Hashable {
    /// `notification.requested.v1`.
    public static let messageType = "notification.requested.v1"

    /// Idempotency key of this notification.
    public var notificationID: NotificationID
    /// The organisation it is sent for.
    public var organisationID: OrganisationID
    /// Who it is for.
    public var recipient: NotificationRecipient
    /// The template's name (`meeting_invitation`, …): a ``NotificationTemplate`` when sent, kept as
    /// text on the wire so that notifications records a name it does not know as unsendable
    /// instead of refusing the message.
    public var template: String
    /// The recipient's language, when the sender knows it.
    public var language: Language?
    /// Template values; never names or contact details.
    public var data: [String: String]
    /// Not before this time (a reminder); `nil` sends now.
    public var sendAfter: Date?
    /// Withdrawn together by `notification.withdrawn.v1` with this key (a meeting's reminders).
    public var groupKey: String?

    /// A `notification.requested.v1` payload.
    public init(notificationID: UUID, organisationID: OrganisationID, recipient: NotificationRecipient, template: NotificationTemplate, language: Language?, data: [String: String], sendAfter: Date?, groupKey: String?) {
        self.notificationID = NotificationID(notificationID)
        self.organisationID = organisationID
        self.recipient = recipient
        self.template = template.rawValue
        self.language = language
        self.data = data
        self.sendAfter = sendAfter
        self.groupKey = groupKey
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case notificationID = "notification_id"
        case organisationID = "organisation_id"
        case recipient
        case template
        case language
        case data
        case sendAfter = "send_after"
        case groupKey = "group_key"
    }
}

extension NotificationRequested {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        Tell a party, specialist or integrator (by reference) something from a template, not before `send_after`; `notification_id` is the \
        idempotency key, `group_key` groups one version of a meeting's invitation and reminders (`meeting:<id>:<start, Unix seconds>`).
        """

    /// A payload with every field present.
    public static var example: Self {
        NotificationRequested(
            notificationID: UUID(uuidString: "0190f3a2-f7c9-75cb-b6c2-e3f40516270c")!,
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            recipient: NotificationRecipient(kind: .party, id: UUID(uuidString: "0190f3a3-08da-76dc-87d3-f4051627380d")!),
            template: .meetingReminder,
            language: .ru,
            data: ["meeting_id": "0190f3a2-a274-7076-a17d-9eafb0c1d207"],
            sendAfter: Date(timeIntervalSince1970: 1_790_841_600),
            groupKey: "meeting:0190f3a2-a274-7076-a17d-9eafb0c1d207:1790928000"
        )
    }
}
