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
