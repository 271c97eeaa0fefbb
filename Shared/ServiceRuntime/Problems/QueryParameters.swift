import Foundation

/// The query parameters of a request, checked one by one. The generated servers decode each
/// parameter on its own and report a failure without the parameter's name; a service names its
/// parameters' rules and this finds the first broken one, so the problem can point at it.
public enum QueryParameters {
    /// The name of the first parameter in `path`'s query whose value `isValid` refuses, if any.
    public static func firstInvalid(in path: String?, isValid: (_ name: String, _ value: String) -> Bool) -> String? {
        guard let path, let items = URLComponents(string: path)?.queryItems else { return nil }
        return items.first { !isValid($0.name, $0.value ?? "") }?.name
    }
}
