import Foundation

/// `notification.withdrawn.v1`: withdraws every notification not yet sent that was requested with ``groupKey`` (a cancelled or moved
/// meeting's invitation and reminders).
public struct NotificationsWithdrawn: MessageContract, Hashable {
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
