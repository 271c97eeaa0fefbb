import Foundation

/// A `Codable` value stored as `jsonb`.
///
/// Dates inside the document are ISO 8601 UTC strings with microseconds, so JSON written by one
/// service reads back to the same instant in another and stays legible in `psql`.
public struct PostgresJSON<Value: Codable & Sendable>: PostgresCodable {
    /// The wrapped value.
    public var value: Value

    /// Wraps a value.
    public init(_ value: Value) {
        self.value = value
    }

    /// `jsonb`.
    public static var postgresDataType: PostgresDataType { .jsonb }

    /// The value as JSON text.
    public func postgresText() throws -> String? {
        do {
            return try PostgresJSONCoding.encode(value)
        } catch {
            throw PostgresError(.encodingFailure, reason: "cannot encode \(Value.self) as JSON")
        }
    }

    /// Decodes the JSON text the server sends for `json` or `jsonb`.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws {
        do {
            value = try PostgresJSONCoding.decoder().decode(Value.self, from: Data(bytes))
        } catch {
            throw PostgresError.cannotDecode(Value.self)
        }
    }
}

extension PostgresJSON: Equatable where Value: Equatable {}

/// The JSON coders Accord uses for documents in the database and on the bus.
public enum PostgresJSONCoding {
    /// `value` as compact JSON, dates as ISO 8601 UTC with microseconds (``JSONStreamEncoder``).
    public static func encode<Value: Encodable>(_ value: Value) throws -> String {
        try JSONStreamEncoder().encode(value)
    }

    /// A decoder reading the dates `encode(_:)` writes (and any ISO 8601 offset).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Array(text.utf8).withUnsafeBytes({ PostgresTimestamp.parse($0) }) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 timestamp")
            }
            return date
        }
        return decoder
    }
}
