import Foundation

/// Encodes `Encodable` values as compact JSON in one pass, straight into bytes: the encoder for
/// documents Accord stores as `jsonb` and for bus payloads.
///
/// Foundation's `JSONEncoder` first builds a tree of values and then prints it; writing as the
/// value encodes itself costs a fraction of that, and every referral intake accepts pays it once.
///
/// The output is what `JSONEncoder` with `.withoutEscapingSlashes` writes, apart from insignificant
/// details (`1.0` stays `1.0`). Dates are ISO 8601 UTC with microseconds (`PostgresTimestamp`),
/// `Data` is Base64, `URL` its absolute string, `Decimal` a number.
///
/// Containers are written in order, so a container must be finished before its parent writes its
/// next member, as synthesised and generated `Codable` code always does; writing to a container
/// after its parent has moved on throws rather than producing broken JSON. Coding paths are not
/// tracked (`codingPath` is empty), since nothing Accord encodes reads them.
public struct JSONStreamEncoder: Sendable {
    /// An encoder; it keeps no state between calls.
    public init() {}

    /// `value` as compact JSON text.
    public func encode<Value: Encodable>(_ value: Value) throws -> String {
        let writer = JSONStreamWriter()
        try writer.encodeValue(value)
        writer.closeFrames(downTo: 0)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// The state of one encoding: the bytes so far and the containers still open. It is the
/// `Encoder` handed to every `encode(to:)`; one instance never leaves one `encode` call.
final class JSONStreamWriter: Encoder {
    /// An open object or array.
    struct Frame {
        var isObject: Bool
        var members = 0
        /// Tells a frame from an earlier one at the same depth, so a stale container is caught.
        var generation: Int
    }

    var bytes: [UInt8] = []
    var frames: [Frame] = []
    /// A key (or array slot, or the top level) has been written and its value not yet.
    var awaitingValue = true
    /// The depth at which the value being encoded now began, to let a second `container(keyedBy:)`
    /// in the same `encode(to:)` (a subclass and its superclass) write into the same object.
    var valueDepth = 0
    private var generations = 0

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init() {
        bytes.reserveCapacity(512)
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(writer: self, frame: openOrReuse(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(writer: self, frame: openOrReuse(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(writer: self)
    }

    // MARK: Frames

    /// Where a container's frame lives: its depth and generation.
    struct FrameReference {
        var depth: Int
        var generation: Int
    }

    /// Opens a container at the value being written, or returns the one this value already opened.
    private func openOrReuse(object: Bool) -> FrameReference {
        if !awaitingValue, frames.count > valueDepth, frames[valueDepth].isObject == object {
            closeFrames(downTo: valueDepth + 1)
            return FrameReference(depth: valueDepth, generation: frames[valueDepth].generation)
        }
        awaitingValue = false
        bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        generations += 1
        frames.append(Frame(isObject: object, generation: generations))
        return FrameReference(depth: frames.count - 1, generation: generations)
    }

    /// Closes every frame deeper than `depth - 1`, first giving an empty object to a key whose
    /// value was never written (as `JSONEncoder` does for a value that encodes nothing).
    func closeFrames(downTo depth: Int) {
        while frames.count > depth {
            if awaitingValue {
                bytes.append(contentsOf: "{}".utf8)
                awaitingValue = false
            }
            bytes.append(frames.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// Prepares `frame` for its next member: closes what its earlier members left open, checks
    /// that it is still open, and writes the separator.
    func beginMember(of frame: FrameReference) throws {
        closeFrames(downTo: frame.depth + 1)
        guard frames.count == frame.depth + 1, frames[frame.depth].generation == frame.generation else {
            throw EncodingError.invalidValue(
                "", .init(codingPath: [], debugDescription: "a JSON container was written to after its parent moved on"))
        }
        if frames[frame.depth].members > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[frame.depth].members += 1
        awaitingValue = true
    }

    /// Writes a key and its colon for `frame`'s next member.
    func beginMember(of frame: FrameReference, key: String) throws {
        try beginMember(of: frame)
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    // MARK: Values

    /// Writes `value`, with fast paths for the types JSON spells directly. Types are compared by
    /// metadata first, which costs far less than a failed dynamic cast.
    func encodeValue<Value: Encodable>(_ value: Value) throws {
        if Value.self == String.self, let text = value as? String {
            writeScalar { writeString(text) }
        } else if Value.self == Date.self, let date = value as? Date {
            writeScalar { writeString(PostgresTimestamp.format(date, separator: "T", utcSuffix: "Z")) }
        } else if Value.self == UUID.self, let uuid = value as? UUID {
            // RFC 9562's canonical form, as every Accord API writes ids (Foundation's is upper case).
            writeScalar { writeString(uuid.uuidString.lowercased()) }
        } else if Value.self == Int.self, let number = value as? Int {
            writeScalar { writeInteger(number) }
        } else if Value.self == Data.self, let data = value as? Data {
            writeScalar { writeString(data.base64EncodedString()) }
        } else if Value.self == URL.self, let url = value as? URL {
            writeScalar { writeString(url.absoluteString) }
        } else if Value.self == Decimal.self, let decimal = value as? Decimal {
            guard decimal.isFinite else {
                throw EncodingError.invalidValue(decimal, .init(codingPath: [], debugDescription: "JSON has no NaN"))
            }
            writeScalar { bytes.append(contentsOf: decimal.description.utf8) }
        } else {
            let outer = valueDepth
            valueDepth = frames.count
            defer { valueDepth = outer }
            try value.encode(to: self)
            closeFrames(downTo: valueDepth)
            if awaitingValue {
                // Encoded nothing at all: `JSONEncoder` writes an empty object.
                bytes.append(contentsOf: "{}".utf8)
                awaitingValue = false
            }
        }
    }

    /// Writes a scalar where a value is awaited.
    func writeScalar(_ write: () -> Void) {
        awaitingValue = false
        write()
    }

    func writeFloatingPoint<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ number: Number) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "JSON has no \(number)"))
        }
        writeScalar { bytes.append(contentsOf: number.description.utf8) }
    }

    func writeInteger<Number: BinaryInteger>(_ number: Number) {
        if number == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var rest = number.magnitude
        while rest > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes[start...].reverse()
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`; the rest
    /// (slashes and all non-ASCII text) as is. Text with nothing to escape, nearly all of it, is
    /// copied in one piece.
    func writeString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: utf8)
            } else {
                for byte in utf8 { appendEscaping(byte) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private func appendEscaping(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(byte)
        case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
        case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
        case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
        case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
        case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
        case 0x00..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: #"\u00"#.utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        default:
            bytes.append(byte)
        }
    }
}

/// An object's members, written as they come.
private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let frame: JSONStreamWriter.FrameReference
    var codingPath: [any CodingKey] { [] }

    private func member(_ key: Key, _ write: () throws -> Void) throws {
        try writer.beginMember(of: frame, key: key.stringValue)
        try write()
    }

    mutating func encodeNil(forKey key: Key) throws {
        try member(key) { writer.writeScalar { writer.bytes.append(contentsOf: "null".utf8) } }
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try member(key) { writer.writeScalar { writer.bytes.append(contentsOf: (value ? "true" : "false").utf8) } }
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try member(key) { writer.writeScalar { writer.writeString(value) } }
    }
    mutating func encode(_ value: Double, forKey key: Key) throws { try member(key) { try writer.writeFloatingPoint(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { try member(key) { try writer.writeFloatingPoint(value) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try member(key) { try writer.encodeValue(value) }
    }

    private func integer<Number: BinaryInteger>(_ value: Number, _ key: Key) throws {
        try member(key) { writer.writeScalar { writer.writeInteger(value) } }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        // A stale container cannot throw here; the next write to it will.
        try? writer.beginMember(of: frame, key: key.stringValue)
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        try? writer.beginMember(of: frame, key: key.stringValue)
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        try? writer.beginMember(of: frame, key: "super")
        return writer
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        try? writer.beginMember(of: frame, key: key.stringValue)
        return writer
    }
}

/// An array's elements, written as they come.
private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let frame: JSONStreamWriter.FrameReference
    var codingPath: [any CodingKey] { [] }

    /// The elements written so far (kept by the frame itself).
    var count: Int {
        writer.frames.indices.contains(frame.depth) && writer.frames[frame.depth].generation == frame.generation
            ? writer.frames[frame.depth].members : 0
    }

    private func element(_ write: () throws -> Void) throws {
        try writer.beginMember(of: frame)
        try write()
    }

    mutating func encodeNil() throws { try element { writer.writeScalar { writer.bytes.append(contentsOf: "null".utf8) } } }
    mutating func encode(_ value: Bool) throws {
        try element { writer.writeScalar { writer.bytes.append(contentsOf: (value ? "true" : "false").utf8) } }
    }
    mutating func encode(_ value: String) throws { try element { writer.writeScalar { writer.writeString(value) } } }
    mutating func encode(_ value: Double) throws { try element { try writer.writeFloatingPoint(value) } }
    mutating func encode(_ value: Float) throws { try element { try writer.writeFloatingPoint(value) } }
    mutating func encode(_ value: Int) throws { try integer(value) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try element { try writer.encodeValue(value) } }

    private func integer<Number: BinaryInteger>(_ value: Number) throws {
        try element { writer.writeScalar { writer.writeInteger(value) } }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        try? writer.beginMember(of: frame)
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        try? writer.beginMember(of: frame)
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        try? writer.beginMember(of: frame)
        return writer
    }
}

/// One value where one is awaited.
private struct SingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    var codingPath: [any CodingKey] { [] }

    private func value(_ write: () throws -> Void) throws {
        guard writer.awaitingValue else {
            throw EncodingError.invalidValue(
                "", .init(codingPath: [], debugDescription: "a single value container was written to twice"))
        }
        try write()
    }

    mutating func encodeNil() throws { try value { writer.writeScalar { writer.bytes.append(contentsOf: "null".utf8) } } }
    mutating func encode(_ flag: Bool) throws {
        try value { writer.writeScalar { writer.bytes.append(contentsOf: (flag ? "true" : "false").utf8) } }
    }
    mutating func encode(_ text: String) throws { try value { writer.writeScalar { writer.writeString(text) } } }
    mutating func encode(_ number: Double) throws { try value { try writer.writeFloatingPoint(number) } }
    mutating func encode(_ number: Float) throws { try value { try writer.writeFloatingPoint(number) } }
    mutating func encode(_ number: Int) throws { try integer(number) }
    mutating func encode(_ number: Int8) throws { try integer(number) }
    mutating func encode(_ number: Int16) throws { try integer(number) }
    mutating func encode(_ number: Int32) throws { try integer(number) }
    mutating func encode(_ number: Int64) throws { try integer(number) }
    mutating func encode(_ number: UInt) throws { try integer(number) }
    mutating func encode(_ number: UInt8) throws { try integer(number) }
    mutating func encode(_ number: UInt16) throws { try integer(number) }
    mutating func encode(_ number: UInt32) throws { try integer(number) }
    mutating func encode(_ number: UInt64) throws { try integer(number) }
    mutating func encode<T: Encodable>(_ encodable: T) throws { try value { try writer.encodeValue(encodable) } }

    private func integer<Number: BinaryInteger>(_ number: Number) throws {
        try value { writer.writeScalar { writer.writeInteger(number) } }
    }
}
