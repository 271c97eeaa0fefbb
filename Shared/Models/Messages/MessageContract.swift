/// The payload of one kind of message on the bus, shared by its producer and its consumers.
///
/// A contract is frozen once published: messages stay in the bus's history tables and a consumer may
/// read one long after it was written. An incompatible change is a new type with a new version
/// (`ReferralReceivedV2`, `referral.received.v2`), published alongside the old one until every consumer
/// has moved. Payloads carry identifiers and aggregates, not personal data: the bus's history and the
/// handlers' logs are not places for children's names.
public protocol MessageContract: Codable, Sendable {
    /// The type the bus routes and stores the message under: `<entity>.<event>.v<version>`,
    /// lowercase, e.g. `referral.received.v1`.
    static var messageType: String { get }
}

/// A contract between services: published on the topic of its own type and delivered to every
/// queue subscribed to it (`bus.subscriptions`), as each service's bus wiring declares.
///
/// It says what it is for the contract table of `docs/bus.md`, which is generated from the
/// wiring, and gives an example with every field present, against which tests check what the
/// consumers read.
public protocol TopicContract: MessageContract {
    /// One sentence or two for `docs/bus.md`: what happened, and what the payload carries.
    static var summary: String { get }
    /// A payload with every field present (no optional left `nil`, no empty array where the
    /// contract has elements), so that its JSON shows every key a consumer may read.
    static var example: Self { get }
}
