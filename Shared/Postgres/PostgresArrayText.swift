/// Reads and writes PostgreSQL's one-dimensional array text format: `{"a","b",NULL}`.
enum PostgresArrayText {
    /// Builds array text, quoting every element so no element can change the structure.
    static func format(_ elements: [String?]) -> String {
        // Built as UTF-8 bytes: appending scalar by scalar to a String cost 3 % of an intake
        // request, whose bus payload (a JSON document full of quotes) goes through here.
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(2 + elements.reduce(0) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let element else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits array text into element texts (`nil` for NULL), undoing quoting and escapes.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [[UInt8]?]? {
        var index = 0
        // An array whose lower bound is not 1 is printed with its bounds: `[0:1]={…}`.
        if bytes.first == UInt8(ascii: "[") {
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            index = equals + 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else {
            return nil
        }
        index += 1
        let end = bytes.count - 1
        var elements: [[UInt8]?] = []
        if index == end { return elements }
        while index <= end {
            if bytes[index] == UInt8(ascii: "{") { return nil } // multi-dimensional arrays are not supported
            var element: [UInt8] = []
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                while true {
                    guard index < end else { return nil }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < end else { return nil }
                        element.append(bytes[index + 1])
                        index += 2
                    } else if byte == UInt8(ascii: "\"") {
                        index += 1
                        break
                    } else {
                        element.append(byte)
                        index += 1
                    }
                }
                elements.append(element)
            } else {
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    element.append(bytes[index])
                    index += 1
                }
                let isNull = element.count == 4 && String(decoding: element, as: UTF8.self).uppercased() == "NULL"
                elements.append(isNull ? nil : element)
            }
            guard index == end || bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
        return elements
    }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// The array type of the element type.
    public static var postgresDataType: PostgresDataType {
        PostgresDataType(oid: Element.postgresDataType.arrayOID, arrayOID: 0)
    }
    /// `{"…",NULL,…}` with every element in its own text form.
    public func postgresText() throws -> String? {
        PostgresArrayText.format(try map { try $0.postgresText() })
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Decodes a one-dimensional array; NULL elements need an optional element type.
    public init(postgresText bytes: UnsafeRawBufferPointer) throws {
        guard let elements = PostgresArrayText.parse(bytes) else {
            throw PostgresError.cannotDecode([Element].self)
        }
        self = try elements.map { element in
            guard let element else {
                guard let null = Element.postgresNull else { throw PostgresError.cannotDecode([Element].self) }
                return null
            }
            return try element.withUnsafeBytes { try Element(postgresText: $0) }
        }
    }
}
