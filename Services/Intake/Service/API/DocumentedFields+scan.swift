import ServiceRuntime
extension DocumentedFields {
    /// At most this many undocumented fields are reported for one body.
    static let reportLimit = 50

    /// The fields of `body` (JSON text) that are not documented, each as an `unknown_field` issue
    /// pointing at it. Names are compared after JSON unescaping, as the decoder reads them. A
    /// body that is not well-formed JSON is the decoder's to refuse; this scan then stops where
    /// it lost its way, without failing.
    func undocumented(in body: String) -> [FieldIssue] {
        var body = body
        return body.withUTF8 { bytes in
            var scanner = MemberScanner(bytes: bytes)
            scanner.value(shape)
            return scanner.issues
        }
    }
}

/// One pass over JSON text that follows a ``DocumentedFields/Shape`` down into the objects it
/// constrains and skips everything else without looking inside.
struct MemberScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Where the scan is: object member names and array indices.
    var path: [String] = []
    var issues: [FieldIssue] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func value(_ shape: DocumentedFields.Shape) {
        skipWhitespace()
        switch (current, shape) {
        case (UInt8(ascii: "{"), .object(let fields)): object(fields)
        case (UInt8(ascii: "["), .array(let elements)): array(elements)
        default: skipValue()
        }
    }

    private mutating func object(_ fields: [String: DocumentedFields.Shape]) {
        index += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "}"):
                index += 1
                return
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "\""):
                let name = readString()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { return stop() }
                index += 1
                path.append(name)
                if let field = fields[name] {
                    value(field)
                } else {
                    if issues.count < DocumentedFields.reportLimit { issues.append(.unknownField(pointer)) }
                    skipWhitespace()
                    skipValue()
                }
                path.removeLast()
            default:
                return stop()
            }
        }
    }

    private mutating func array(_ elements: DocumentedFields.Shape) {
        index += 1
        var position = 0
        while let byte = current {
            switch byte {
            case UInt8(ascii: "]"):
                index += 1
                return
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            default:
                let start = index
                path.append(String(position))
                value(elements)
                path.removeLast()
                position += 1
                if index == start { return stop() }
            }
        }
    }

    /// Skips one value of any kind, containers included, without recursion: it ends after a
    /// string or a container, or before the punctuation that ends a number or literal.
    private mutating func skipValue() {
        var depth = 0
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                skipString()
                if depth == 0 { return }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return }
                depth -= 1
                index += 1
                if depth == 0 { return }
            case UInt8(ascii: ","):
                if depth == 0 { return }
                index += 1
            default:
                index += 1
            }
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func skipString() {
        index += 1
        while let byte = current {
            index += byte == UInt8(ascii: "\\") ? 2 : 1
            if byte == UInt8(ascii: "\"") { return }
        }
    }

    /// Reads a string starting at its opening quote, undoing escapes (`\u0041` reads as `A`,
    /// surrogate pairs as one scalar).
    private mutating func readString() -> String {
        index += 1
        var utf8: [UInt8] = []
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = current else { break }
                index += 1
                switch escaped {
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "u"): utf8.append(contentsOf: String(readEscapedScalar()).utf8)
                default: utf8.append(escaped)
                }
            default:
                utf8.append(byte)
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The scalar of a `\uXXXX` escape whose `\u` was just read, joining a surrogate pair.
    private mutating func readEscapedScalar() -> Unicode.Scalar {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        guard let high = readHex4() else { return replacement }
        guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high) ?? replacement }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
            return replacement
        }
        index += 2
        guard let low = readHex4(), (0xDC00...0xDFFF).contains(low) else { return replacement }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? replacement
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Gives up on text that is not JSON: the decoder refuses it anyway.
    private mutating func stop() {
        index = bytes.count
    }

    /// The RFC 6901 pointer of the current position.
    private var pointer: String {
        "/" + path.map { $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined(separator: "/")
    }
}
