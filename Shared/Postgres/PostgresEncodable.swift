/// A Swift value that can be bound as a statement parameter.
///
/// Values travel only as bound parameters in the text format; nothing is ever spliced into SQL.
public protocol PostgresEncodable: Sendable {
    /// The PostgreSQL type the value is sent as.
    static var postgresDataType: PostgresDataType { get }
    /// The value in PostgreSQL's text input format, or `nil` for SQL NULL.
    func postgresText() throws -> String?
}

/// A Swift value that can be read from a result column.
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value from PostgreSQL's text output format.
    ///
    /// - Parameter bytes: the value's UTF-8 text, valid only during the call.
    init(postgresText bytes: UnsafeRawBufferPointer) throws
    /// The value to use for SQL NULL, or `nil` if this type cannot represent NULL.
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    /// Most types cannot represent NULL; `Optional` can.
    public static var postgresNull: Self? { nil }
}

/// A value that is both bound and read: most of the types Accord stores.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// An optional is sent as its wrapped type, so a NULL still has a definite type.
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }

    /// The wrapped value's text, or NULL.
    public func postgresText() throws -> String? {
        try self?.postgresText()
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// Decodes the wrapped value.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws {
        self = .some(try Wrapped(postgresText: bytes))
    }

    /// SQL NULL decodes as `nil`.
    public static var postgresNull: Wrapped?? { .some(nil) }
}

extension PostgresError {
    /// A decoding failure that names the Swift type but never the value.
    static func cannotDecode<T>(_ type: T.Type) -> PostgresError {
        PostgresError(.decodingFailure, reason: "cannot decode column value as \(T.self)")
    }
}
