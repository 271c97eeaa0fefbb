import Foundation

/// `notification.delivery_failed.v1`: a notification could not be delivered on a channel and
/// will not be retried (an address the server refused, a gateway's 4xx, attempts exhausted), so
/// whoever asked for it can act (a specialist phones the family instead).
public struct NotificationDeliveryFailed: TopicContract, Hashable {
    /// `notification.delivery_failed.v1`.
    public static let messageType = "notification.delivery_failed.v1"

    /// The notification.
    public var notificationID: NotificationID
    /// The organisation it was sent for (none for an integrator's).
    public var organisationID: OrganisationID?
    /// Who it was for.
    public var recipient: NotificationRecipient
    /// `email` or `sms`.
    public var channel: String
    /// Why: `address_rejected`, `peer_rejected`, `attempts_exhausted`, `outcome_uncertain`, `opted_out`, `no_contact`.
    public var reason: String
    /// Attempts made.
    public var attempts: Int
    /// When it was given up.
    public var failedAt: Date

    /// A failure.
    public init(
        notificationID: UUID, organisationID: OrganisationID?, recipient: NotificationRecipient, channel: String, reason: String, attempts: Int,
        failedAt: Date
    ) {
        self.notificationID = NotificationID(notificationID)
        self.organisationID = organisationID
        self.recipient = recipient
        self.channel = channel
        self.reason = reason
        self.attempts = attempts
        self.failedAt = failedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case notificationID = "notification_id"
        case organisationID = "organisation_id"
        case recipient
        case channel
        case reason
        case attempts
        case failedAt = "failed_at"
    }
}

extension NotificationDeliveryFailed {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A notification could not be delivered on a channel and will not be retried: channel, reason (`address_rejected`, `peer_rejected`, \
        `attempts_exhausted`, `outcome_uncertain`, `opted_out`, `no_contact`), attempts.
        """

    /// A payload with every field present.
    public static var example: Self {
        NotificationDeliveryFailed(
            notificationID: UUID(uuidString: "0190f3a2-f7c9-75cb-b6c2-e3f40516270c")!,
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            recipient: NotificationRecipient(kind: .party, id: UUID(uuidString: "0190f3a3-08da-76dc-87d3-f4051627380d")!),
            channel: "sms",
            reason: "attempts_exhausted",
            attempts: 5,
            failedAt: Date(timeIntervalSince1970: 1_790_845_200)
        )
    }
}
