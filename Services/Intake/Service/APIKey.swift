import Crypto
import Foundation
import Models

/// An integrator's API key as it travels: `acc_<key id, 32 hex digits>_<secret, 43 base64url characters>`.
///
/// The id finds the stored key; the secret is 256 random bits, of which only SHA-256 is stored.
/// The prefix lets secret scanners recognise a leaked key.
public struct APIKey: Sendable, Hashable {
    /// The key's id, also its row in `intake.api_keys`.
    public let id: UUID
    /// The secret part, never stored.
    let secret: String

    /// A new key with a fresh random secret.
    public static func generate() -> APIKey {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return APIKey(id: UUID.v7(), secret: Data(bytes).base64URLEncoded)
    }

    private init(id: UUID, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Parses a presented key; `nil` for anything not shaped like one.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "acc", parts[1].count == 32, parts[2].count == 43,
              parts[2].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              let id = UUID(hexDigits: parts[1])
        else { return nil }
        self.init(id: id, secret: String(parts[2]))
    }

    /// The key as the integrator uses it; shown once, when issued.
    public var text: String {
        "acc_" + id.uuidString.lowercased().replacingOccurrences(of: "-", with: "") + "_" + secret
    }

    /// What is stored: SHA-256 of the secret.
    public var secretDigest: Data {
        Data(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Whether `digest` is this key's, compared in constant time.
    func matches(_ digest: Data) -> Bool {
        let mine = secretDigest
        guard mine.count == digest.count else { return false }
        return zip(mine, digest).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension UUID {
    /// A UUID from 32 hex digits without dashes.
    init?(hexDigits: some StringProtocol) {
        guard hexDigits.count == 32, hexDigits.allSatisfy(\.isHexDigit) else { return nil }
        let s = Array(hexDigits)
        let dashed = String(s[0..<8]) + "-" + String(s[8..<12]) + "-" + String(s[12..<16]) + "-" + String(s[16..<20]) + "-"
            + String(s[20..<32])
        self.init(uuidString: dashed)
    }
}
