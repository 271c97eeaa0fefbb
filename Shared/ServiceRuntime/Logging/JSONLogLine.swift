import Logging

/// One JSON object under construction, field by field, for `JSONLogHandler`.
///
/// Written by hand rather than with `JSONEncoder` so the fixed fields keep their order
/// (people read `timestamp` and `level` first) and metadata can be flattened into the same object.
struct JSONLogLine {
    private var body = ""
    private var keys: Set<String> = []

    /// The finished object.
    var text: String { "{\(body)}" }

    /// Adds a string field.
    mutating func append(_ key: String, string: String) {
        appendRaw(key, json: Self.quoted(string))
    }

    /// Adds a number field.
    mutating func append(_ key: String, number: some BinaryInteger) {
        appendRaw(key, json: String(number))
    }

    /// Adds metadata as top-level fields so log queries need no nesting: nested dictionaries
    /// become dotted keys (`db.pool`), arrays stay arrays. Keys come out sorted so equal metadata
    /// gives equal lines. A key that is already taken (`level`, say) is written as `metadata.level`
    /// rather than producing an object with a duplicate key.
    mutating func appendFlattened(_ metadata: Logger.Metadata, prefix: String = "") {
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            let name = prefix + key
            if case .dictionary(let nested) = value {
                appendFlattened(nested, prefix: name + ".")
            } else {
                appendRaw(keys.contains(name) ? "metadata." + name : name, json: Self.json(value))
            }
        }
    }

    private mutating func appendRaw(_ key: String, json: String) {
        if !body.isEmpty {
            body.append(",")
        }
        body.append(Self.quoted(key))
        body.append(":")
        body.append(json)
        keys.insert(key)
    }

    /// A metadata value nested inside an array, where there is no top level to flatten into.
    private static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string):
            quoted(string)
        case .stringConvertible(let convertible):
            quoted(convertible.description)
        case .array(let elements):
            "[" + elements.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            "{"
                + dictionary.sorted(by: { $0.key < $1.key })
                .map { quoted($0.key) + ":" + json($0.value) }
                .joined(separator: ",")
                + "}"
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped,
    /// everything else, Cyrillic and Kazakh letters included, left as UTF-8 so lines stay readable.
    static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result.append("\\\"")
            case "\\": result.append("\\\\")
            case "\n": result.append("\\n")
            case "\r": result.append("\\r")
            case "\t": result.append("\\t")
            case "\u{08}": result.append("\\b")
            case "\u{0C}": result.append("\\f")
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                result.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        result.append("\"")
        return result
    }
}
