import Crypto
import Foundation
import Models
import Postgres

/// What a webhook delivers: one domain event in an envelope, `{"id", "type", "occurred_at",
/// "data"}`, where `data` is the event's contract as published on the bus (no personal data).
struct WebhookEvent: Sendable {
    /// Stable across redeliveries of the bus message, so receivers can drop duplicates by it.
    var id: UUID
    /// The event's type, e.g. `referral.status_changed.v1`.
    var type: String
    /// The envelope's JSON text, signed as sent.
    var body: String

    /// The envelope for bus message `messageID` of `type` with `payload` (its JSON), at `occurredAt`.
    init(messageID: Int64, type: String, payload: String, occurredAt: Date) {
        id = Self.eventID(forMessage: messageID)
        self.type = type
        body = #"{"id":"\#(id.canonicalString)","type":"\#(type)","occurred_at":"\#(PostgresTimestamp.format(occurredAt, separator: "T", utcSuffix: "Z"))","data":\#(payload)}"#
    }

    /// A name-based UUID (version 8, from SHA-256) of a bus message's id: the same message
    /// redelivered is the same event.
    static func eventID(forMessage messageID: Int64) -> UUID {
        var bytes = Array(SHA256.hash(data: Data("accord-event:\(messageID)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
