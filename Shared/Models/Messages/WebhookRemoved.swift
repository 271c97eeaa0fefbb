import Foundation

/// `integrator.webhook_removed.v1`: an integrator stopped its webhook (or its last key was
/// revoked with it); notifications stops delivering to it.
public struct WebhookRemoved: MessageContract, Hashable {
    /// `integrator.webhook_removed.v1`.
    public static let messageType = "integrator.webhook_removed.v1"

    /// Whose webhook it was.
    public var integratorID: IntegratorID
    /// When it was removed; a registration after this time wins.
    public var removedAt: Date

    /// A removal.
    public init(integratorID: IntegratorID, removedAt: Date) {
        self.integratorID = integratorID
        self.removedAt = removedAt
    }

    /// Wire names are fixed here, not derived from property names, so that renaming a property cannot
    /// silently change a published contract.
    enum CodingKeys: String, CodingKey {
        case integratorID = "integrator_id"
        case removedAt = "removed_at"
    }
}
