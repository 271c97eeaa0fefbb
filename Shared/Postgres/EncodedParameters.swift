#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parameters in the form libpq takes: NUL-terminated texts in one buffer, plus type OIDs.
///
/// Encoding happens on the caller's task, before the hop to the connection's queue, so the
/// queue spends its time on the wire only.
struct EncodedParameters: Sendable {
    /// The type OID of each parameter.
    let types: [UInt32]
    /// All texts back to back, each followed by a NUL byte.
    private let buffer: [UInt8]
    /// Where each text starts in `buffer`, or `nil` for NULL.
    private let offsets: [Int?]

    var count: Int { types.count }

    init(_ binds: [any PostgresEncodable]) throws {
        var types: [UInt32] = []
        var buffer: [UInt8] = []
        var offsets: [Int?] = []
        types.reserveCapacity(binds.count)
        offsets.reserveCapacity(binds.count)
        for bind in binds {
            types.append(type(of: bind).postgresDataType.oid)
            guard let text = try bind.postgresText() else {
                offsets.append(nil)
                continue
            }
            let start = buffer.count
            buffer.append(contentsOf: text.utf8)
            // libpq reads each parameter up to its first NUL, so a NUL inside would cut the value
            // short without a word: "ab\0cd" stored as "ab". PostgreSQL text cannot hold one
            // anyway; callers refuse such input before it gets here.
            if buffer[start...].contains(0) {
                throw PostgresError(.encodingFailure, reason: "a parameter's text holds a NUL character, which PostgreSQL cannot store")
            }
            offsets.append(start)
            buffer.append(0)
        }
        self.types = types
        self.buffer = buffer
        self.offsets = offsets
    }

    /// Calls `body` with the array of C string pointers libpq expects.
    func withPointers<T>(_ body: ([UnsafePointer<CChar>?]) throws -> T) rethrows -> T {
        try buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers = offsets.map { offset in offset.flatMap { offset in base.map { $0 + offset } } }
            return try body(pointers)
        }
    }
}

/// Calls `body` with a NULL-terminated array of C strings, as libpq's keyword APIs take.
func withCStringArray<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let duplicates = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = duplicates.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
