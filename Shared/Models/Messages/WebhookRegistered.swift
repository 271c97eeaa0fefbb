import Foundation

/// `integrator.webhook_registered.v1`: an integrator registered (or replaced) the URL its status
/// changes go to. Notifications keeps the subscription and signs each delivery with
/// ``signingSecret`` (HMAC-SHA256); intake keeps only the URL.
///
/// The secret travels once, inside the database that holds the bus, and is gone from the bus when
/// its history is pruned.
public struct WebhookRegistered: TopicContract, Hashable {
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

extension WebhookRegistered {
    /// What `docs/bus.md` says of it.
    public static let summary = "An integrator's webhook URL and its signing secret."

    /// A payload with every field present.
    public static var example: Self {
        WebhookRegistered(
            integratorID: IntegratorID(UUID(uuidString: "0190f3a2-3b0d-7f0e-8a1c-2d3e4f5a6b00")!),
            url: "https://kdn.solikamsk.example/accord/webhooks",
            events: [ReferralStatusChanged.messageType],
            signingSecret: "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",
            registeredAt: Date(timeIntervalSince1970: 1_789_000_000)
        )
    }
}
