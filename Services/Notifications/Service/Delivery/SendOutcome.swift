import Foundation

/// What one attempt came to, as the delivery log records it: no bodies, no addresses.
enum SendOutcome: Sendable, Equatable {
    /// The peer took it.
    case delivered(peerStatus: Int?)
    /// It may work later (a 5xx, a timeout, a refused connection, a channel not configured yet).
    case retry(peerStatus: Int?, error: String, peerAsked: TimeInterval?)
    /// It never will (an invalid address, a webhook's 4xx): stop and surface it.
    case failed(peerStatus: Int?, reason: String)

    /// The peer's status code (HTTP, or the SMTP reply code).
    var peerStatus: Int? {
        switch self {
        case .delivered(let status), .retry(let status, _, _), .failed(let status, _): status
        }
    }

    /// How an HTTP peer's answer is read: 2xx delivered; 408, 425, 429 and 5xx later (honouring
    /// `Retry-After`); any other status — 3xx included, redirects are not followed — never.
    static func http(status: Int, retryAfter: String?) -> SendOutcome {
        switch status {
        case 200..<300: .delivered(peerStatus: status)
        case 408, 425, 429, 500..<600: .retry(peerStatus: status, error: "peer_status", peerAsked: retryAfter.flatMap(TimeInterval.init))
        default: .failed(peerStatus: status, reason: "peer_rejected")
        }
    }
}
