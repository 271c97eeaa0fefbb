import Foundation

/// `integrator.webhook_registered.v1`: an integrator registered (or replaced) the URL its status
/// changes go to. Notifications keeps the subscription and signs each delivery with
/// ``signingSecret`` (HMAC-SHA256); intake keeps only the URL.
///
/// The secret travels once, inside the database that holds the bus, and is gone from the bus when
/// its history is pruned.
public struct WebhookRegistered: MessageContract, Hashable {
    /// `integrator.webhook_registered.v1`.
    public static let messageType = "integrator.webhook_registered.v1"

    /// Whose webhook it is.
    public var integratorID: IntegratorID
    /// Where deliveries go.
    public var url: String
    /// The message types delivered there.
    public var events: [String]
    /// The key deliveries are signed with.
    public var signingSecret: String
    /// When it was registered; a later registration replaces an earlier one.
    public var registeredAt: Date

    /// A registration.
    public init(integratorID: IntegratorID, url: String, events: [String], signingSecret: String, registeredAt: Date) {
        self.integratorID = integratorID
        self.url = url
        self.events = events
        self.signingSecret = signingSecret
        self.registeredAt = registeredAt
    }

    /// Wire names are fixed here, not derived from property names, so that renaming a property cannot
    /// silently change a published contract.
    enum CodingKeys: String, CodingKey {
        case integratorID = "integrator_id"
        case url
        case events
        case signingSecret = "signing_secret"
        case registeredAt = "registered_at"
    }
}
