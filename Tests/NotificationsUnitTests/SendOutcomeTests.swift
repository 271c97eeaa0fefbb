@testable import NotificationsService
import Testing

@Suite("HTTP send outcomes")
struct SendOutcomeTests {
    @Test("a 2xx is delivered")
    func delivered() {
        #expect(SendOutcome.http(status: 200, retryAfter: nil) == .delivered(peerStatus: 200))
        #expect(SendOutcome.http(status: 204, retryAfter: "7") == .delivered(peerStatus: 204))
    }

    @Test("a redirect or another 4xx is a failure for good")
    func failed() {
        for status in [301, 302, 400, 401, 404, 410, 422] {
            #expect(SendOutcome.http(status: status, retryAfter: nil) == .failed(peerStatus: status, reason: "peer_rejected"), "\(status)")
        }
    }

    @Test("408, 425, 429 and 5xx are tried again, honouring a Retry-After in seconds")
    func retried() {
        for status in [408, 425, 429, 500, 502, 503, 504] {
            #expect(SendOutcome.http(status: status, retryAfter: nil) == .retry(peerStatus: status, error: "peer_status", peerAsked: nil), "\(status)")
        }
        #expect(SendOutcome.http(status: 429, retryAfter: "7") == .retry(peerStatus: 429, error: "peer_status", peerAsked: 7))
        #expect(SendOutcome.http(status: 503, retryAfter: "120") == .retry(peerStatus: 503, error: "peer_status", peerAsked: 120))
        #expect(SendOutcome.http(status: 503, retryAfter: "soon") == .retry(peerStatus: 503, error: "peer_status", peerAsked: nil))
    }

    @Test("every outcome reports the peer's status")
    func peerStatus() {
        #expect(SendOutcome.http(status: 204, retryAfter: nil).peerStatus == 204)
        #expect(SendOutcome.http(status: 404, retryAfter: nil).peerStatus == 404)
        #expect(SendOutcome.http(status: 503, retryAfter: nil).peerStatus == 503)
    }
}
