import Foundation

extension String: PostgresCodable {
    /// Sent as `unknown` so it fits text, varchar, enum-like and other columns as a literal would.
    public static var postgresDataType: PostgresDataType { .unknown }
    /// The string itself.
    public func postgresText() -> String? { self }
    /// Decodes UTF-8 text (the connection's client encoding is always UTF8).
    public init(postgresText bytes: UnsafeRawBufferPointer) {
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension Bool: PostgresCodable {
    /// `bool`.
    public static var postgresDataType: PostgresDataType { .bool }
    /// `t` or `f`.
    public func postgresText() -> String? { self ? "t" : "f" }
    /// Decodes `t` or `f`.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count == 1 else { throw PostgresError.cannotDecode(Bool.self) }
        switch bytes[0] {
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
        default: throw PostgresError.cannotDecode(Bool.self)
        }
    }
}

/// Integers decode straight from the digits, without building a `String`, because ids and
/// counters are read on every hot path.
extension FixedWidthInteger where Self: SignedInteger {
    init(postgresDigits bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { throw PostgresError.cannotDecode(Self.self) }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { throw PostgresError.cannotDecode(Self.self) }
        var value: Self = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { throw PostgresError.cannotDecode(Self.self) }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? shifted.subtractingReportingOverflow(Self(digit))
                : shifted.addingReportingOverflow(Self(digit))
            guard !overflow1, !overflow2 else { throw PostgresError.cannotDecode(Self.self) }
            value = next
            index += 1
        }
        self = value
    }
}

/// The signed integers share their text form; each conformance only names its column type.
extension PostgresEncodable where Self: FixedWidthInteger & SignedInteger {
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension PostgresDecodable where Self: FixedWidthInteger & SignedInteger {
    /// Decodes decimal digits, refusing values that do not fit.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws { try self.init(postgresDigits: bytes) }
}

extension Int: PostgresCodable {
    /// `int8` (Swift's `Int` is 64-bit on every platform Accord runs on).
    public static var postgresDataType: PostgresDataType { .int8 }
}

extension Int64: PostgresCodable {
    /// `int8`.
    public static var postgresDataType: PostgresDataType { .int8 }
}

extension Int32: PostgresCodable {
    /// `int4`.
    public static var postgresDataType: PostgresDataType { .int4 }
}

extension Int16: PostgresCodable {
    /// `int2`.
    public static var postgresDataType: PostgresDataType { .int2 }
}

extension Double: PostgresCodable {
    /// `float8`.
    public static var postgresDataType: PostgresDataType { .float8 }
    /// Shortest text that reads back exactly; PostgreSQL's spelling of the special values.
    public func postgresText() -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return description
    }
    /// Decodes a float8, including `NaN` and the infinities.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(text) else { throw PostgresError.cannotDecode(Double.self) }
        self = value
    }
}

extension UUID: PostgresCodable {
    /// `uuid`.
    public static var postgresDataType: PostgresDataType { .uuid }
    /// The canonical lower-case form.
    public func postgresText() -> String? { uuidString.lowercased() }
    /// Decodes the canonical form.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws {
        guard let uuid = UUID(uuidString: String(decoding: bytes, as: UTF8.self)) else {
            throw PostgresError.cannotDecode(UUID.self)
        }
        self = uuid
    }
}

extension Data: PostgresCodable {
    /// `bytea`.
    public static var postgresDataType: PostgresDataType { .bytea }
    /// The hex form `\x…`, which the server reads whatever `bytea_output` says.
    public func postgresText() -> String? {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8](repeating: 0, count: 2 + count * 2)
        text[0] = UInt8(ascii: "\\")
        text[1] = UInt8(ascii: "x")
        for (offset, byte) in enumerated() {
            text[2 + offset * 2] = digits[Int(byte >> 4)]
            text[3 + offset * 2] = digits[Int(byte & 0x0f)]
        }
        return String(decoding: text, as: UTF8.self)
    }
    /// Decodes the hex form the server sends by default.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count >= 2, bytes.count % 2 == 0,
              bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x")
        else { throw PostgresError.cannotDecode(Data.self) }
        var data = Data(capacity: (bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = Self.hexValue(bytes[index]), let low = Self.hexValue(bytes[index + 1]) else {
                throw PostgresError.cannotDecode(Data.self)
            }
            data.append(high << 4 | low)
            index += 2
        }
        self = data
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
