import Foundation
import IntakeAPI

/// The fields a request body may carry: those its schema in the API document declares, learnt
/// from the types generated from that document, to refuse a body that carries anything else
/// (`unknown_field`).
///
/// The document marks its request objects `unevaluatedProperties: false`. The generated decoder
/// leaves that keyword to us; for `additionalProperties: false` it would run a second decoding
/// pass over every object, which cost 7 % of the service's CPU per referral. Checking the raw
/// body once against the shape below costs a fraction of that, and the contract integrators read
/// is the same: an undocumented field is refused.
struct DocumentedFields: Sendable {
    /// What a value may look like, as far as field names go.
    indirect enum Shape: Sendable, Equatable {
        /// An object with exactly these fields, each with its own shape.
        case object([String: Shape])
        /// An array whose elements have this shape.
        case array(Shape)
        /// A scalar.
        case any
    }

    /// The shape of a whole body.
    let shape: Shape

    /// The shape of `Body` as its generated `init(from:)` reads it: every key it asks for is a
    /// documented field, and each field's own type gives the shape below it.
    init<Body: Decodable>(_ body: Body.Type) {
        do {
            shape = try ShapeProbe.shape(of: body)
        } catch {
            // The generated types are part of the build: one the probe cannot read is a
            // programming error, found by the first test that starts the service.
            preconditionFailure("cannot learn the fields of \(Body.self): \(error)")
        }
    }

    /// `POST /v1/referrals`.
    static let referralSubmission = DocumentedFields(Components.Schemas.ReferralSubmission.self)
    /// `POST /v1/school-identifications`.
    static let schoolIdentificationSubmission = DocumentedFields(Components.Schemas.SchoolIdentificationSubmission.self)
    /// `PUT /v1/webhook`.
    static let webhookRegistration = DocumentedFields(Components.Schemas.WebhookRegistration.self)
}

/// A `Decoder` that answers every question a generated `init(from:)` asks with a stand-in value
/// and writes down the keys it was asked for: the type's fields. Enumerations answer with their
/// first case, so their own checks pass; optional fields are "present", so their types are
/// probed too.
final class ShapeProbe: Decoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var fields: [String: DocumentedFields.Shape]?
    private var element: DocumentedFields.Shape?
    private let depth: Int

    private init(depth: Int) {
        self.depth = depth
    }

    private var shape: DocumentedFields.Shape {
        if let fields { return .object(fields) }
        if let element { return .array(element) }
        return .any
    }

    static func shape<Value: Decodable>(of type: Value.Type) throws -> DocumentedFields.Shape {
        try probe(type, depth: 0).shape
    }

    /// A stand-in `Value` and its shape.
    fileprivate static func probe<Value: Decodable>(_ type: Value.Type, depth: Int) throws -> (value: Value, shape: DocumentedFields.Shape) {
        if let first = firstCase(of: type) { return (first, .any) }
        if let scalar = standIn(for: type) { return (scalar, .any) }
        guard depth < 32 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(type) nests itself"))
        }
        let probe = ShapeProbe(depth: depth + 1)
        let value = try Value(from: probe)
        return (value, probe.shape)
    }

    /// The first case of an enumeration (generated enumerations are `CaseIterable`).
    private static func firstCase<Value>(of type: Value.Type) -> Value? {
        func first<Cases: CaseIterable>(_ cases: Cases.Type) -> Value? { cases.allCases.first as? Value }
        return (type as? any CaseIterable.Type).flatMap { first($0) }
    }

    /// Values for the scalar types generated code decodes directly.
    private static func standIn<Value>(for type: Value.Type) -> Value? {
        let values: [Any] = ["", 0, 0.0, Float(0), false, Date(timeIntervalSince1970: 0), Int64(0), Int32(0)]
        return values.lazy.compactMap { $0 as? Value }.first
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if fields == nil { fields = [:] }
        return KeyedDecodingContainer(Keyed<Key>(probe: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        Unkeyed(probe: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(probe: self)
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let probe: ShapeProbe
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let (value, shape) = try ShapeProbe.probe(type, depth: probe.depth)
            probe.fields?[key.stringValue] = shape
            return value
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "nested containers are not probed"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "nested containers are not probed"))
        }

        func superDecoder() throws -> any Decoder { probe }
        func superDecoder(forKey key: Key) throws -> any Decoder { probe }
    }

    /// An array of one element, whose shape is the array's.
    private struct Unkeyed: UnkeyedDecodingContainer {
        let probe: ShapeProbe
        var codingPath: [any CodingKey] { [] }
        var count: Int? { 1 }
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex > 0 }

        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (value, shape) = try ShapeProbe.probe(type, depth: probe.depth)
            probe.element = shape
            currentIndex += 1
            return value
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "nested containers are not probed"))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "nested containers are not probed"))
        }

        mutating func superDecoder() throws -> any Decoder { probe }
    }

    private struct Single: SingleValueDecodingContainer {
        let probe: ShapeProbe
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try ShapeProbe.probe(type, depth: probe.depth - 1).value
        }
    }
}
