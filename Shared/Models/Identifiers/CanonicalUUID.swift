import Foundation

/// Makes a plain `UUID` property (or `UUID?`) encode as ``Foundation/UUID/canonicalString``, for
/// Codable types whose ids are not typed identifiers (administration listings the `accord` command
/// prints with `--json`). `UUID`'s own `Codable` writes Foundation's uppercase `uuidString`; typed
/// ``Identifier``s already encode canonically.
///
/// Readers and writers of the property still see a `UUID`; only its encoding changes, and decoding
/// accepts either case.
@propertyWrapper
public struct CanonicalUUID<Value: CanonicalUUIDValue>: Codable, Hashable, Sendable {
    /// The id.
    public var wrappedValue: Value

    /// Wraps `wrappedValue`.
    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    /// Decodes a UUID string in either case (or null, for `UUID?`).
    public init(from decoder: any Decoder) throws {
        wrappedValue = try Value(from: decoder)
    }

    /// Encodes the lowercase UUID string (or null, for a `nil` `UUID?`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let uuid = wrappedValue.uuidValue {
            try container.encode(uuid.canonicalString)
        } else {
            try container.encodeNil()
        }
    }
}

/// `UUID` or `UUID?`: what ``CanonicalUUID`` can wrap.
public protocol CanonicalUUIDValue: Codable, Hashable, Sendable {
    /// The UUID, if there is one.
    var uuidValue: UUID? { get }
}

extension UUID: CanonicalUUIDValue {
    /// Itself.
    public var uuidValue: UUID? { self }
}

extension Optional: CanonicalUUIDValue where Wrapped == UUID {
    /// The wrapped UUID, if any.
    public var uuidValue: UUID? { self }
}

/// A `nil` `UUID?` is left out of the JSON, as synthesised coding leaves out any `nil` optional,
/// rather than written as null; these overloads are what synthesised `Codable` calls for a wrapped property.
extension KeyedEncodingContainer {
    /// Encodes `value`, or nothing when it holds `nil`.
    public mutating func encode(_ value: CanonicalUUID<UUID?>, forKey key: Key) throws {
        guard value.wrappedValue != nil else { return }
        // Through the generic requirement, not this overload again.
        try encodeIfPresent(value, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a missing or null member as `nil`.
    public func decode(_ type: CanonicalUUID<UUID?>.Type, forKey key: Key) throws -> CanonicalUUID<UUID?> {
        try decodeIfPresent(type, forKey: key) ?? CanonicalUUID(wrappedValue: nil)
    }
}
