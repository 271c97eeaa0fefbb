import Foundation

extension FieldIssue {
    /// The issue a failed decoding names: a missing field or a `null` where a value is required
    /// is `required`, a value of the wrong JSON type `wrong_type`, a value outside its
    /// enumeration or format `invalid_value`. `nil` for text that is not JSON at all, which is
    /// the caller's 400 rather than a field's 422.
    ///
    /// `pointerPrefix` `/` gives RFC 6901 pointers into a body; an empty one gives the dotted
    /// names of query parameters.
    public static func decoding(_ error: DecodingError, pointerPrefix: String = "/") -> FieldIssue? {
        switch error {
        case .keyNotFound(let key, let context):
            return .required(pointer(context.codingPath + [key], prefix: pointerPrefix))
        case .valueNotFound(_, let context):
            return .required(pointer(context.codingPath, prefix: pointerPrefix))
        case .typeMismatch(let type, let context):
            return FieldIssue(
                pointer: pointer(context.codingPath, prefix: pointerPrefix), code: "wrong_type", message: "Must be \(describe(type)).",
                messageRu: "Должно быть: \(describeRu(type)).")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return nil
        case .dataCorrupted(let context):
            return .invalidValue(pointer(context.codingPath, prefix: pointerPrefix))
        @unknown default:
            return nil
        }
    }

    /// The field at `pointer`: not one of its enumeration's values, or not in its format.
    public static func invalidValue(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "invalid_value", message: "Is not one of the allowed values or not in the required format.",
            messageRu: "Не входит в список допустимых значений или имеет неверный формат.")
    }

    /// The 400 for a body that is not well-formed JSON.
    public static let notJSON = FieldIssue(
        pointer: "", code: "not_json", message: "The body is not well-formed JSON.", messageRu: "Тело запроса не является корректным JSON.")

    /// The pointer (or dotted parameter name, for an empty `prefix`) of a coding path.
    public static func pointer(_ path: [any CodingKey], prefix: String = "/") -> String {
        let segments = path.map { $0.intValue.map(String.init) ?? $0.stringValue }
        return prefix.isEmpty ? segments.joined(separator: ".") : "/" + segments.map(escaped).joined(separator: "/")
    }

    /// The pointer to the member `name` of the top-level object.
    public static func member(_ name: String) -> String { "/" + escaped(name) }

    /// A pointer's segment: `~` and `/` escaped (RFC 6901).
    private static func escaped(_ segment: String) -> String {
        segment.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        default: String(describing: type).contains("Array") ? "an array" : "an object"
        }
    }

    private static func describeRu(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "строка"
        case is Int.Type, is Int64.Type, is Int32.Type: "целое число"
        case is Double.Type, is Float.Type: "число"
        case is Bool.Type: "true или false"
        default: String(describing: type).contains("Array") ? "массив" : "объект"
        }
    }
}
