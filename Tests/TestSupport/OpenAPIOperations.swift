import Foundation

/// What an OpenAPI document of this repository declares, read from its text (as the documents
/// are written: methods indented four spaces under their path, their fields six).
public enum OpenAPIOperations {
    /// The `operationId` of every operation in `document` that declares a `requestBody`.
    public static func takingBodies(in document: String) -> Set<String> {
        var found: Set<String> = []
        var operation: (id: String?, body: Bool) = (nil, false)
        func close() {
            if let id = operation.id, operation.body { found.insert(id) }
            operation = (nil, false)
        }
        for line in document.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            if indent <= 4, !line.allSatisfy(\.isWhitespace) { close() }
            guard indent == 6 else { continue }
            let field = line.dropFirst(6)
            if field.hasPrefix("operationId:") { operation.id = field.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces) }
            if field.hasPrefix("requestBody:") { operation.body = true }
        }
        close()
        return found
    }
}
