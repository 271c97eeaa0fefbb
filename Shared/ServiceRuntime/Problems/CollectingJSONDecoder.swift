import Foundation

/// Decodes a request body as a generated type, like the generated server, but reads on past every
/// problem instead of stopping at the first: each missing field, value of the wrong type, value
/// outside its enumeration and undocumented field becomes a ``FieldIssue``, and a neutral
/// stand-in takes the bad value's place so the rest of the body is still read (and can still be
/// validated). The integrator then hears of every problem in one answer.
///
/// It runs only after the generated server's own decoder has refused a body: it costs more than
/// that decoder, and a well-formed body never reaches it.
public enum CollectingJSONDecoder {
    /// At most this many issues are reported for one body: enough for any real mistake, and a
    /// bounded answer for a body of ten thousand wrong elements.
    public static let issueLimit = 100

    /// What decoding found.
    public struct Outcome<Body> {
        /// The body, with a stand-in wherever a value could not be decoded; `nil` when the text
        /// is not JSON, or no stand-in could be made for its top level.
        public var body: Body?
        /// Every problem, in the order the body's type reads its fields; `not_json` alone for
        /// text that is not JSON.
        public var issues: [FieldIssue]
        /// Where the stand-ins are: rules about these values (or those under them) have nothing
        /// real to check.
        public var undecided: [String] { issues.filter { $0.code != "unknown_field" }.map(\.pointer) }
    }

    /// `data` decoded as `Body`, with every issue. Dates are read as the generated servers read
    /// them (``RFC3339DateTranscoder``), so that no date they take is reported.
    public static func decode<Body: Decodable>(_ type: Body.Type, from data: Data) -> Outcome<Body> {
        let log = IssueLog()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            guard let date = try? RFC3339DateTranscoder().decode(container.decode(String.self)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 date-time")
            }
            return date
        }
        decoder.userInfo[IssueLog.key] = log
        do {
            let root = try decoder.decode(Root<Body>.self, from: data)
            return Outcome(body: root.body, issues: log.issues)
        } catch {
            return Outcome(body: nil, issues: [.notJSON])
        }
    }
}

/// The issues of one decoding. Used by one decoding call at a time, synchronously.
final class IssueLog: @unchecked Sendable {
    static let key = CodingUserInfoKey(rawValue: "accord.issueLog")!
    private(set) var issues: [FieldIssue] = []

    func add(_ issue: FieldIssue) {
        if issues.count < CollectingJSONDecoder.issueLimit { issues.append(issue) }
    }
}

/// Thrown where a value could not be decoded and no stand-in could be made: its container's
/// own decoding then stands in for the whole. The issue is logged already.
private struct NoStandIn: Error {}

/// The top level of a body.
private struct Root<Body: Decodable>: Decodable {
    let body: Body?

    init(from decoder: any Decoder) throws {
        guard let log = decoder.userInfo[IssueLog.key] as? IssueLog else { throw NoStandIn() }
        body = Lenient.decode(Body.self, from: decoder, log: log)
    }
}

private enum Lenient {
    /// The value `base` holds, or a stand-in and an issue; `nil` when there is no stand-in.
    static func decode<T: Decodable>(_ type: T.Type, from base: any Decoder, log: IssueLog) -> T? {
        do {
            // The JSON decoder reads these through its strategies only when asked for them by type.
            if T.self is Date.Type || T.self is Data.Type || T.self is URL.Type || T.self is Decimal.Type {
                return try base.singleValueContainer().decode(T.self)
            }
            let decoder = LenientDecoder(base: base, log: log)
            let value = try T(from: decoder)
            decoder.reportUndocumentedFields()
            return value
        } catch let error as DecodingError {
            log.add(FieldIssue.decoding(error) ?? .invalidValue(FieldIssue.pointer(base.codingPath)))
        } catch is NoStandIn {
            // Logged where it happened.
        } catch {
            log.add(.invalidValue(FieldIssue.pointer(base.codingPath)))
        }
        return try? StandIn.value(of: T.self)
    }
}

/// A decoder over the JSON decoder's own that hands out forgiving containers and notes the
/// fields the type asks for, so that those it did not are known to be undocumented.
private final class LenientDecoder: Decoder {
    let base: any Decoder
    let log: IssueLog
    /// The fields the type read, or `nil` if it read no object.
    var requested: Set<String>?
    /// Set when the type listed the object's keys itself (a map, additional properties): then
    /// it has taken every field it wants, and none is reported as undocumented.
    var listedKeys = false

    init(base: any Decoder, log: IssueLog) {
        self.base = base
        self.log = log
    }

    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let container = try base.container(keyedBy: type)
        if requested == nil { requested = [] }
        return KeyedDecodingContainer(LenientKeyed(base: container, decoder: self, listsLeftovers: Self.isLeftoverCheck(type)))
    }

    /// Whether a type reads the object through `Key` only to find the fields it does not know:
    /// the generated types of `additionalProperties: false` ask OpenAPIRuntime's `StringKey`
    /// container for every key and throw at the first unknown one, which would name it
    /// `invalid_value` and drop the whole object for a stand-in. Such a container lists no
    /// keys, the check passes, and ``reportUndocumentedFields()`` names every unknown field.
    private static func isLeftoverCheck<Key: CodingKey>(_ type: Key.Type) -> Bool {
        String(reflecting: type) == "OpenAPIRuntime.StringKey"
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        LenientUnkeyed(base: try base.unkeyedContainer(), log: log)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        LenientSingle(base: try base.singleValueContainer(), decoder: self)
    }

    /// An `unknown_field` issue for each field of the object read that the type did not ask for.
    func reportUndocumentedFields() {
        guard let requested, !listedKeys, let object = try? base.container(keyedBy: AnyKey.self) else { return }
        for key in object.allKeys.map(\.stringValue).sorted() where !requested.contains(key) {
            log.add(.unknownField(FieldIssue.pointer(codingPath + [AnyKey(key)])))
        }
    }
}

/// Any object member's name.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct LenientKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let base: KeyedDecodingContainer<Key>
    let decoder: LenientDecoder
    /// Set for a generated type's check for unknown fields (see ``LenientDecoder``): it is told
    /// of none.
    let listsLeftovers: Bool

    var codingPath: [any CodingKey] { base.codingPath }
    var allKeys: [Key] {
        if listsLeftovers { return [] }
        decoder.listedKeys = true
        return base.allKeys
    }

    func contains(_ key: Key) -> Bool {
        decoder.requested?.insert(key.stringValue)
        return base.contains(key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.requested?.insert(key.stringValue)
        return try base.decodeNil(forKey: key)
    }

    /// Every typed read comes here: a missing field is `required`, a bad value is logged where
    /// it is read, and both leave a stand-in.
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        decoder.requested?.insert(key.stringValue)
        guard base.contains(key) else {
            decoder.log.add(.required(FieldIssue.pointer(codingPath + [key])))
            return try StandIn.value(of: T.self)
        }
        guard let value = Lenient.decode(T.self, from: try base.superDecoder(forKey: key), log: decoder.log) else { throw NoStandIn() }
        return value
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, key) }

    /// The generic read, under a name the scalar overloads can call without calling themselves.
    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decode(type as T.Type, forKey: key) as T
    }

    /// An optional field: a bad value with no stand-in of its own (a UUID, an enumeration that
    /// cannot list its cases) is taken as absent, so the object around it is still read.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        decoder.requested?.insert(key.stringValue)
        guard base.contains(key), try !base.decodeNil(forKey: key) else { return nil }
        return Lenient.decode(T.self, from: try base.superDecoder(forKey: key), log: decoder.log)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        decoder.requested?.insert(key.stringValue)
        return try LenientDecoder(base: base.superDecoder(forKey: key), log: decoder.log).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        decoder.requested?.insert(key.stringValue)
        return LenientUnkeyed(base: try base.nestedUnkeyedContainer(forKey: key), log: decoder.log)
    }

    func superDecoder() throws -> any Decoder { LenientDecoder(base: try base.superDecoder(), log: decoder.log) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.requested?.insert(key.stringValue)
        return LenientDecoder(base: try base.superDecoder(forKey: key), log: decoder.log)
    }
}

private struct LenientUnkeyed: UnkeyedDecodingContainer {
    var base: any UnkeyedDecodingContainer
    let log: IssueLog

    var codingPath: [any CodingKey] { base.codingPath }
    var count: Int? { base.count }
    var isAtEnd: Bool { base.isAtEnd }
    var currentIndex: Int { base.currentIndex }

    mutating func decodeNil() throws -> Bool { try base.decodeNil() }

    /// Every element read comes here; a bad one is logged and stood in for.
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard let value = Lenient.decode(T.self, from: try base.superDecoder(), log: log) else { throw NoStandIn() }
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try element(type) }
    mutating func decode(_ type: String.Type) throws -> String { try element(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try element(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try element(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try element(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try element(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try element(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try element(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try element(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try element(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try element(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try element(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try element(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try element(type) }

    /// The generic read, under a name the scalar overloads can call without calling themselves.
    private mutating func element<T: Decodable>(_ type: T.Type) throws -> T {
        try decode(type as T.Type) as T
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try LenientDecoder(base: base.superDecoder(), log: log).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        LenientUnkeyed(base: try base.nestedUnkeyedContainer(), log: log)
    }

    mutating func superDecoder() throws -> any Decoder { LenientDecoder(base: try base.superDecoder(), log: log) }
}

/// A single value: scalars are read as they are (a mismatch fails the value being decoded, which
/// logs it); anything else is decoded leniently in its own right.
private struct LenientSingle: SingleValueDecodingContainer {
    let base: any SingleValueDecodingContainer
    let decoder: LenientDecoder

    var codingPath: [any CodingKey] { base.codingPath }

    func decodeNil() -> Bool { base.decodeNil() }
    func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    func decode(_ type: String.Type) throws -> String { try base.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard let value = Lenient.decode(T.self, from: decoder.base, log: decoder.log) else { throw NoStandIn() }
        return value
    }
}

/// Neutral values for what could not be decoded: empty text, zero, `false`, the nil UUID, an enumeration's first
/// case, an empty array, an object with its required fields stood in for and its optional ones
/// absent.
private enum StandIn {
    static func value<T: Decodable>(of type: T.Type) throws -> T {
        if let first = firstCase(of: type) { return first }
        if let scalar = scalar(for: type) { return scalar }
        return try T(from: StandInDecoder())
    }

    /// The first case of an enumeration (generated enumerations are `CaseIterable`).
    private static func firstCase<T>(of type: T.Type) -> T? {
        func first<Cases: CaseIterable>(_ cases: Cases.Type) -> T? { cases.allCases.first as? T }
        return (type as? any CaseIterable.Type).flatMap { first($0) }
    }

    private static func scalar<T>(for type: T.Type) -> T? {
        let values: [Any] = ["", 0, 0.0, Float(0), false, Int64(0), Int32(0), Date(timeIntervalSince1970: 0), Data(), UUID(uuidString: "00000000-0000-0000-0000-000000000000")!]
        return values.lazy.compactMap { $0 as? T }.first
    }
}

private struct StandInDecoder: Decoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>())
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Empty() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single() }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { false }
        func decodeNil(forKey key: Key) throws -> Bool { true }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try StandIn.value(of: type) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try StandInDecoder().container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { Empty() }
        func superDecoder() throws -> any Decoder { StandInDecoder() }
        func superDecoder(forKey key: Key) throws -> any Decoder { StandInDecoder() }
    }

    private struct Empty: UnkeyedDecodingContainer {
        var codingPath: [any CodingKey] { [] }
        var count: Int? { 0 }
        var isAtEnd: Bool { true }
        var currentIndex: Int { 0 }
        mutating func decodeNil() throws -> Bool { true }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try StandIn.value(of: type) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try StandInDecoder().container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { Empty() }
        mutating func superDecoder() throws -> any Decoder { StandInDecoder() }
    }

    private struct Single: SingleValueDecodingContainer {
        var codingPath: [any CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try StandIn.value(of: type) }
    }
}
