import Foundation

/// An identifier encodes as a single UUID string, not as an object wrapping one, so JSON stays
/// `"referral_id": "0190…"` and other languages' clients see an ordinary UUID.
extension Identifier: Codable {
    /// Decodes a UUID string in either case.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let identifier = Self(string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a UUID string")
        }
        self = identifier
    }

    /// Encodes the lowercase UUID string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
