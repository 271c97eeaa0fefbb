import Foundation
@testable import Postgres

/// Decodes `text` the way a result column's bytes are decoded.
func decode<Value: PostgresDecodable>(_ type: Value.Type, _ text: String) throws -> Value {
    try decode(type, bytes: Array(text.utf8))
}

/// Decodes raw column bytes, which need not be valid UTF-8.
func decode<Value: PostgresDecodable>(_ type: Value.Type, bytes: [UInt8]) throws -> Value {
    try bytes.withUnsafeBytes { try Value(postgresText: $0) }
}

/// Splits array text into element texts, as `PostgresArrayText.parse` does for a column.
func parseArray(_ text: String) -> [String?]? {
    Array(text.utf8).withUnsafeBytes { PostgresArrayText.parse($0) }?
        .map { $0.map { String(decoding: $0, as: UTF8.self) } }
}

/// Parses timestamp text, as `PostgresTimestamp.parse` does for a column.
func parseTimestamp(_ text: String) -> Date? {
    Array(text.utf8).withUnsafeBytes { PostgresTimestamp.parse($0) }
}
