/// A value that travels in JSON as its canonical string (`2025-03-31`, `2025-Q1`), whatever
/// strategies the caller's coder uses for other types.
public protocol StringCoded: LosslessStringConvertible, Codable {
    /// What the string should look like, for the decoding error (`YYYY-MM-DD`).
    static var expectedFormat: String { get }
}

extension StringCoded {
    /// Decodes the canonical string, failing with the expected format named.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = Self(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected \(Self.expectedFormat)")
        }
        self = value
    }

    /// Encodes the canonical string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
