import Crypto
import Foundation

/// Seals webhook signing secrets at rest with AES-256-GCM, under a key derived from
/// `SECRETS_KEY`: a dump of the database alone does not let anyone forge deliveries. (The
/// secrets cannot be hashed like API keys: signing needs them back.)
struct SecretBox: Sendable {
    private let key: SymmetricKey

    /// A box keyed by SHA-256 of `keyMaterial`.
    init(keyMaterial: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data("accord-notifications-secrets:\(keyMaterial)".utf8)))
    }

    /// `secret` sealed: nonce, ciphertext and tag in one blob.
    func seal(_ secret: String) throws -> Data {
        try AES.GCM.seal(Data(secret.utf8), using: key).combined!
    }

    /// The secret in `sealed`; throws if it was sealed under another key or altered.
    func open(_ sealed: Data) throws -> String {
        String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key), as: UTF8.self)
    }

    /// A new signing secret: 256 random bits as 43 base64url characters, prefixed `whsec_` so
    /// that secret scanners recognise a leaked one.
    static func newSigningSecret() -> String {
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "whsec_" + encoded
    }
}
