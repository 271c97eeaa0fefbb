import Foundation

/// `notification.requested.v1`: asks the notifications service to tell someone something: a template rendered in the recipient's
/// language with ``data``, not before ``sendAfter``. The recipient is a reference, never an address:
/// notifications resolves contacts through its own recipients. ``notificationID`` is the idempotency
/// key: a redelivered request sends nothing twice.
public struct NotificationRequested: MessageContract, Hashable {
    /// `notification.requested.v1`.
    public static let messageType = "notification.requested.v1"

    /// Idempotency key of this notification.
    public var notificationID: NotificationID
    /// The organisation it is sent for.
    public var organisationID: OrganisationID
    /// Who it is for.
    public var recipient: NotificationRecipient
    /// The template's name (`meeting_invitation`, `meeting_reminder`, …).
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
    public init(notificationID: UUID, organisationID: OrganisationID, recipient: NotificationRecipient, template: String, language: Language?, data: [String: String], sendAfter: Date?, groupKey: String?) {
        self.notificationID = NotificationID(notificationID)
        self.organisationID = organisationID
        self.recipient = recipient
        self.template = template
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
