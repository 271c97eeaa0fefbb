import Crypto
import Foundation
@testable import NotificationsService
import Testing

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    static let body = Data(#"{"event":"case.closed","id":"8f0c2a"}"#.utf8)
    static let timestamp = 1_796_000_000
    static let now = Date(timeIntervalSince1970: TimeInterval(timestamp))
    static let secret = "whsec_current_0123456789abcdef"

    static func verify(_ header: String, body: Data = body, secret: String = secret, now: Date = now) -> Bool {
        WebhookSignature.verify(body: body, timestamp: String(timestamp), header: header, secret: secret, now: now)
    }

    @Test("a signature made with the secret checks out for the same body and timestamp")
    func roundTrip() {
        let header = WebhookSignature.header(body: Self.body, timestamp: Self.timestamp, secrets: [Self.secret])
        #expect(header.hasPrefix("v1="))
        #expect(Self.verify(header))
    }

    @Test("the signature is the hex HMAC-SHA256 of <timestamp>.<body> under the secret")
    func independentHMAC() {
        let message = Data("\(Self.timestamp).".utf8) + Self.body
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(Self.secret.utf8)))
        let hex = code.map { String(format: "%02x", $0) }.joined()
        #expect(WebhookSignature.header(body: Self.body, timestamp: Self.timestamp, secrets: [Self.secret]) == "v1=" + hex)
    }

    @Test("a changed body, another secret or another timestamp fails")
    func tampering() {
        let header = WebhookSignature.header(body: Self.body, timestamp: Self.timestamp, secrets: [Self.secret])
        #expect(!Self.verify(header, body: Data(#"{"event":"case.closed","id":"8f0c2b"}"#.utf8)))
        #expect(!Self.verify(header, body: Self.body + Data(" ".utf8)))
        #expect(!Self.verify(header, secret: "whsec_someone_else"))
        let later = WebhookSignature.verify(
            body: Self.body, timestamp: String(Self.timestamp + 1), header: header, secret: Self.secret, now: Self.now)
        #expect(!later)
    }

    @Test("a timestamp more than five minutes from the receiver's clock fails, either way")
    func replayWindow() {
        let header = WebhookSignature.header(body: Self.body, timestamp: Self.timestamp, secrets: [Self.secret])
        #expect(Self.verify(header, now: Self.now.addingTimeInterval(300)))
        #expect(Self.verify(header, now: Self.now.addingTimeInterval(-300)))
        #expect(!Self.verify(header, now: Self.now.addingTimeInterval(301)))
        #expect(!Self.verify(header, now: Self.now.addingTimeInterval(-301)))
    }

    @Test("a timestamp that is not whole seconds fails")
    func badTimestamp() {
        let header = WebhookSignature.header(body: Self.body, timestamp: Self.timestamp, secrets: [Self.secret])
        for bad in ["", "abc", "\(Self.timestamp).0", " \(Self.timestamp)"] {
            #expect(!WebhookSignature.verify(body: Self.body, timestamp: bad, header: header, secret: Self.secret, now: Self.now), "\(bad)")
        }
    }

    @Test("while a secret is rotated, the header carries both signatures and either secret verifies")
    func rotation() {
        let header = WebhookSignature.header(body: Self.body, timestamp: Self.timestamp, secrets: [Self.secret, "whsec_previous"])
        #expect(header.split(separator: ",").count == 2)
        #expect(Self.verify(header, secret: Self.secret))
        #expect(Self.verify(header, secret: "whsec_previous"))
        #expect(!Self.verify(header, secret: "whsec_third"))
        // A receiver may put spaces after the comma, and read hex in either case.
        #expect(Self.verify(header.replacingOccurrences(of: ",", with: ", "), secret: "whsec_previous"))
        #expect(Self.verify(header.uppercased().replacingOccurrences(of: "V1=", with: "v1="), secret: "whsec_previous"))
    }

    @Test("a v1= that is not hex, another scheme or a truncated signature fails")
    func malformed() {
        let signature = String(WebhookSignature.header(body: Self.body, timestamp: Self.timestamp, secrets: [Self.secret]).dropFirst(3))
        for bad in [
            "", "v1=", "v1=" + String(repeating: "zz", count: 32), "v1=" + signature.dropLast(2), "v1=" + signature.dropLast(),
            "v1=" + signature + "00", "v0=" + signature, signature, "v1=" + String(signature.dropLast()) + "g",
        ] {
            #expect(!Self.verify(bad), "\(bad)")
        }
    }

    @Test("a sign in front of a hex digit is not hex")
    func signedHexDigit() throws {
        let signature = String(WebhookSignature.header(body: Self.body, timestamp: Self.timestamp, secrets: [Self.secret]).dropFirst(3))
        // A byte below 0x10 written "+f" instead of "0f".
        let characters = Array(signature)
        let index = try #require(stride(from: 0, to: characters.count, by: 2).first { characters[$0] == "0" })
        var forged = characters
        forged[index] = "+"
        #expect(!Self.verify("v1=" + String(forged)))
    }
}
