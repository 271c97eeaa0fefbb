import Foundation
@testable import NotificationsService
import Testing

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    private let body = Data(#"{"id":"e1","type":"referral.status_changed.v1","data":{}}"#.utf8)

    @Test("a signature verifies with its secret inside the window, and with either secret during a rotation")
    func verifies() {
        let now = Date()
        let timestamp = Int(now.timeIntervalSince1970)
        let header = WebhookSignature.header(body: body, timestamp: timestamp, secrets: ["new", "old"])
        #expect(WebhookSignature.verify(body: body, timestamp: String(timestamp), header: header, secret: "new", now: now))
        #expect(WebhookSignature.verify(body: body, timestamp: String(timestamp), header: header, secret: "old", now: now))
        #expect(!WebhookSignature.verify(body: body, timestamp: String(timestamp), header: header, secret: "other", now: now))
    }

    @Test("a changed body, an old timestamp or a garbled signature does not verify")
    func rejects() {
        let now = Date()
        let timestamp = Int(now.timeIntervalSince1970)
        let header = WebhookSignature.header(body: body, timestamp: timestamp, secrets: ["s"])
        #expect(!WebhookSignature.verify(body: body + Data(" ".utf8), timestamp: String(timestamp), header: header, secret: "s", now: now))
        #expect(!WebhookSignature.verify(body: body, timestamp: String(timestamp), header: header, secret: "s", now: now.addingTimeInterval(301)))
        #expect(!WebhookSignature.verify(body: body, timestamp: String(timestamp), header: "v1=zz", secret: "s", now: now))
    }
}
