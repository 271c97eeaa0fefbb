import Crypto
import Foundation

/// How a webhook delivery is signed, and how a receiver checks it.
///
/// The sender puts the Unix time in `Accord-Timestamp` and, in `Accord-Signature`, `v1=` and the
/// hex HMAC-SHA256 of `<timestamp>.<body>` under the subscription's secret; while a rotated-out
/// secret still signs, a second `v1=` follows, comma-separated. A receiver recomputes the HMAC
/// with its secret over the exact bytes received, accepts if any `v1=` matches (compared in
/// constant time), and rejects a timestamp further than its replay window (5 minutes) from its
/// clock; remembering event ids (`Accord-Event-Id`) for that window makes a replay inside it harmless.
public enum WebhookSignature {
    /// The timestamp header.
    public static let timestampHeader = "Accord-Timestamp"
    /// The signature header.
    public static let signatureHeader = "Accord-Signature"
    /// The replay window the documentation recommends, in seconds.
    public static let recommendedTolerance: TimeInterval = 300

    /// The `Accord-Signature` value for `body` sent at `timestamp`, signed with every secret in `secrets`.
    public static func header(body: some DataProtocol, timestamp: Int, secrets: [String]) -> String {
        secrets.map { "v1=" + hex(mac(body: body, timestamp: timestamp, secret: $0)) }.joined(separator: ",")
    }

    /// Whether a delivery checks out: one of the signatures in `header` is `secret`'s over
    /// `timestamp` and `body`, and `timestamp` is within `tolerance` seconds of `now`.
    public static func verify(
        body: some DataProtocol, timestamp: String, header: String, secret: String, now: Date = Date(),
        tolerance: TimeInterval = recommendedTolerance
    ) -> Bool {
        guard let seconds = Int(timestamp), abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { return false }
        let expected = Data(mac(body: body, timestamp: seconds, secret: secret))
        return header.split(separator: ",").contains { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("v1="), let candidate = Data(hex: trimmed.dropFirst(3)) else { return false }
            // Constant time over equal lengths.
            return candidate.count == expected.count && zip(candidate, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    private static func mac(body: some DataProtocol, timestamp: Int, secret: String) -> HashedAuthenticationCode<SHA256> {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: Data(secret.utf8)))
        hmac.update(data: Data("\(timestamp).".utf8))
        hmac.update(data: Data(body))
        return hmac.finalize()
    }

    private static func hex(_ code: HashedAuthenticationCode<SHA256>) -> String {
        code.map { String(format: "%02x", $0) }.joined()
    }
}

extension Data {
    /// Bytes from lowercase or uppercase hex digits; `nil` for anything else.
    init?(hex: some StringProtocol) {
        guard hex.count.isMultiple(of: 2), hex.allSatisfy(\.isHexDigit), hex.allSatisfy(\.isASCII) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
