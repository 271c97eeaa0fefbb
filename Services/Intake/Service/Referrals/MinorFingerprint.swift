import Crypto
import Foundation

/// Recognises a minor named again in a later referral to the same service, without keeping a
/// second copy of the name: a keyed hash (HMAC-SHA-256) of the normalised last name, first name
/// and birth date. Only intake holds these; the bus carries the count of minors seen before,
/// never a key that could link one child across messages or services.
///
/// The middle name is left out because senders often omit it; spelling variants that
/// normalisation folds (case, `ё`/`е`, repeated spaces, hyphen spacing) match, real misspellings
/// do not. Two different children with the same name and birth date at one service would count
/// as one, which for a quarterly count is a smaller error than missing the repeat of a child whose
/// middle name one sender left out.
struct MinorFingerprinter: Sendable {
    private let key: SymmetricKey

    /// The key used when `INTAKE_FINGERPRINT_KEY` is unset. Public, so such fingerprints keep names
    /// out of the index but do not resist matching against a list of names; production sets a key.
    static let unsetKey = "accord-minor-fingerprint-unset"

    /// A fingerprinter keyed by `secret` (the `INTAKE_FINGERPRINT_KEY` setting).
    init(secret: String?) {
        key = SymmetricKey(data: Data((secret ?? Self.unsetKey).utf8))
    }

    /// The fingerprint of one minor; `birthDate` is the validated `YYYY-MM-DD`.
    func fingerprint(lastName: String, firstName: String, birthDate: String) -> Data {
        let identity = [Self.normalised(lastName), Self.normalised(firstName), birthDate].joined(separator: "\u{1F}")
        return Data(HMAC<SHA256>.authenticationCode(for: Data(identity.utf8), using: key))
    }

    /// `name` folded to the form two senders would agree on: compatibility-normalised, lower case,
    /// `ё` as `е`, runs of white space as one space, no spaces around hyphens.
    static func normalised(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased().replacingOccurrences(of: "ё", with: "е")
        let words = folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.replacingOccurrences(of: " -", with: "-").replacingOccurrences(of: "- ", with: "-")
    }
}
