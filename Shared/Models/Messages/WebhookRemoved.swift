import Foundation

/// `integrator.webhook_removed.v1`: an integrator stopped its webhook (or its last key was
/// revoked with it); notifications stops delivering to it.
public struct WebhookRemoved: TopicContract, Hashable {
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

extension WebhookRemoved {
    /// What `docs/bus.md` says of it.
    public static let summary = "The webhook was removed."

    /// A payload with every field present.
    public static var example: Self {
        WebhookRemoved(
            integratorID: IntegratorID(UUID(uuidString: "0190f3a2-3b0d-7f0e-8a1c-2d3e4f5a6b00")!),
            removedAt: Date(timeIntervalSince1970: 1_793_000_000)
        )
    }
}
