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
        APIKey(id: UUID.v7(), secret: randomSecret())
    }

    /// 256 random bits from the system's cryptographic generator, as 43 base64url characters:
    /// the secret of a key, or of a webhook's signatures.
    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64URLEncoded
    }

    private init(id: UUID, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Parses a presented key; `nil` for anything not shaped like one.
    public init?(_ text: some StringProtocol) {
        // Checked on every request, so on bytes: `acc_`, 32 hex digits, `_`, 43 base64url characters.
        let bytes = Array(text.utf8)
        guard bytes.count == 80, bytes.starts(with: "acc_".utf8), bytes[36] == UInt8(ascii: "_"),
              bytes[4..<36].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) }),
              bytes[37...].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }),
              let id = UUID(hexDigits: String(decoding: bytes[4..<36], as: UTF8.self))
        else { return nil }
        self.init(id: id, secret: String(decoding: bytes[37...], as: UTF8.self))
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
