import Foundation
import OpenAPIRuntime

/// The JSON request bodies of a service's generated operations, by OpenAPI `operationId`, so
/// that a body the generated server refused at its first problem can be read again with
/// ``CollectingJSONDecoder`` and answered with every problem at once.
///
/// Built once per service from its generated `Operations`; a gate that holds the body's bytes
/// asks ``problem(for:body:)`` when the rest of the request fails.
public struct RequestBodies: Sendable {
    /// One operation's body.
    public struct Operation: Sendable {
        let id: String
        let issues: @Sendable (Data) -> [FieldIssue]

        /// Operation `id` takes the body its generated `.json` case wraps: pass that case
        /// (`Operations.BookMeeting.Input.Body.json`), which is never called, so that the body is
        /// read as the very type the generated server reads, whatever the document makes it.
        public static func json<Body: Decodable, Wrapped>(_ id: String, _ wrap: (Body) -> Wrapped) -> Operation {
            Operation(id: id) { CollectingJSONDecoder.decode(Body.self, from: $0).issues }
        }
    }

    private let operations: [String: @Sendable (Data) -> [FieldIssue]]

    /// The bodies of `operations`; an operation listed twice keeps its last body.
    public init(_ operations: [Operation]) {
        self.operations = Dictionary(operations.map { ($0.id, $0.issues) }, uniquingKeysWith: { $1 })
    }

    /// The operations whose bodies are known.
    public var operationIDs: Set<String> { Set(operations.keys) }

    /// The 422 listing every problem of `body` when `error` is the generated server's refusal to
    /// decode it; `nil` for any other error, an operation without a known body, or text that is
    /// not JSON (the server's own answer stands).
    public func problem(for error: any Error, body: Data) -> APIProblem? {
        guard let error = error as? ServerError, error.underlyingError is DecodingError,
              let issues = operations[error.operationID]?(body),
              !issues.isEmpty, !issues.contains(where: { $0.code == FieldIssue.notJSON.code })
        else { return nil }
        // The one rule every text of every API shares runs here too, so a NUL or a control
        // character is named beside the decoding problems rather than after they are fixed.
        let named = Set(issues.map(\.pointer))
        let characters = Self.textsWithForbiddenCharacters(in: body).filter { !named.contains($0) }.map(FieldIssue.invalidCharacters)
        return .validation(issues + characters)
    }

    /// The pointers of every string in the JSON `body` holding a character no text may hold
    /// (judged as multi-line text: a line break is some fields' to refuse, not every field's).
    static func textsWithForbiddenCharacters(in body: Data) -> [String] {
        guard let root = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else { return [] }
        var found: [String] = []
        func walk(_ value: Any, _ pointer: String) {
            switch value {
            case let text as String where text.containsForbiddenScalar(multiline: true):
                found.append(pointer)
            case let object as [String: Any]:
                for (key, member) in object.sorted(by: { $0.key < $1.key }) { walk(member, pointer + FieldIssue.member(key)) }
            case let array as [Any]:
                for (index, element) in array.enumerated() { walk(element, pointer + "/\(index)") }
            default:
                break
            }
        }
        walk(root, "")
        return found
    }
}
