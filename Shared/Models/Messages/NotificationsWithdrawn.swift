import Foundation

/// `notification.withdrawn.v1`: withdraws every notification not yet sent that was requested with ``groupKey`` (a cancelled or moved
/// meeting's invitation and reminders).
public struct NotificationsWithdrawn: TopicContract, Hashable {
    /// `notification.withdrawn.v1`.
    public static let messageType = "notification.withdrawn.v1"

    /// The organisation they were requested for.
    public var organisationID: OrganisationID
    /// The key they were requested with.
    public var groupKey: String
    /// When.
    public var withdrawnAt: Date

    /// A `notification.withdrawn.v1` payload.
    public init(organisationID: OrganisationID, groupKey: String, withdrawnAt: Date) {
        self.organisationID = organisationID
        self.groupKey = groupKey
        self.withdrawnAt = withdrawnAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case organisationID = "organisation_id"
        case groupKey = "group_key"
        case withdrawnAt = "withdrawn_at"
    }
}

extension NotificationsWithdrawn {
    /// What `docs/bus.md` says of it.
    public static let summary = "Withdraw every unsent notification of a group (a meeting moved or cancelled)."

    /// A payload with every field present.
    public static var example: Self {
        NotificationsWithdrawn(
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            groupKey: "meeting:0190f3a2-a274-7076-a17d-9eafb0c1d207:1790928000",
            withdrawnAt: Date(timeIntervalSince1970: 1_790_700_000)
        )
    }
}
