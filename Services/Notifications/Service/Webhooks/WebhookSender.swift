import Foundation
import Models
import NIOCore
import NIOHTTP1

/// Delivers an event to a subscription: the envelope as JSON, the event's id (also the
/// idempotency key, so a receiver that saw it drops the copy), a timestamp, and the signature
/// over both (see ``WebhookSignature``).
struct WebhookSender: Sendable {
    let peer: HTTPPeer

    func send(eventID: UUID, type: String, body: String, to url: String, secrets: [String], now: Date) async -> SendOutcome {
        let timestamp = Int(now.timeIntervalSince1970)
        let bytes = ByteBuffer(string: body)
        let headers: HTTPHeaders = [
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "accord-notifications",
            "Accord-Event-Id": eventID.canonicalString,
            "Accord-Event-Type": type,
            "Idempotency-Key": eventID.canonicalString,
            WebhookSignature.timestampHeader: String(timestamp),
            WebhookSignature.signatureHeader: WebhookSignature.header(body: bytes.readableBytesView, timestamp: timestamp, secrets: secrets),
        ]
        return await peer.post(url, body: bytes, headers: headers)
    }
}
