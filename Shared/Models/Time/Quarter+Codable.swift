/// A quarter encodes as its `YYYY-QN` string.
extension Quarter: Codable {
    /// Decodes a `YYYY-QN` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let quarter = Self(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a quarter as YYYY-QN")
        }
        self = quarter
    }

    /// Encodes the `YYYY-QN` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
