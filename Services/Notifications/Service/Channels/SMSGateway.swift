import Foundation
import Models
import NIOCore
import NIOHTTP1

/// Sends an SMS through the configured HTTP gateway: one POST per message, as JSON or a form,
/// with the delivery's id as the idempotency key (a gateway that keeps keys sends nothing twice).
struct SMSGateway: Sendable {
    let settings: SMSGatewaySettings
    let peer: HTTPPeer

    func send(text: String, to phone: String, deliveryID: UUID) async -> SendOutcome {
        let id = deliveryID.canonicalString
        var fields = [(settings.fields.to, phone), (settings.fields.text, text), (settings.fields.id, id)]
        if let sender = settings.sender { fields.append((settings.fields.sender, sender)) }
        var headers: HTTPHeaders = ["User-Agent": "accord-notifications", "Idempotency-Key": id]
        if let token = settings.token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        let body: String
        switch settings.format {
        case .json:
            headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            let object = Dictionary(fields, uniquingKeysWith: { first, _ in first })
            body = String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        case .form:
            headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")
            // Only unreserved ASCII stays as it is; Cyrillic goes as percent-encoded UTF-8.
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
            body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        }
        return await peer.post(settings.url, body: ByteBuffer(string: body), headers: headers)
    }
}
