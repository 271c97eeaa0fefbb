import Foundation
import Hummingbird
import Postgres
import ServiceRuntime

/// Reads request bodies, reporting every problem of one in a single 422, whichever stage finds
/// it: members the operation does not take, values that do not decode, and the rules the values
/// that did decode break.
enum APIBody {
    /// The request's JSON body as `T`, or a 422 listing each member outside `allowed` or unknown
    /// to `T` (a misspelt field is an error rather than silently ignored), each value that does
    /// not decode, and each issue `rules` finds in the rest; a 400 for text that is not JSON.
    ///
    /// `rules` sees stand-ins where values did not decode (an optional one is absent): what it
    /// says at or under such a value is not reported, since the value itself is.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, allowed: Set<String>, limit: Int, rules: (T) -> [FieldIssue] = { _ in [] }
    ) async throws -> T {
        let buffer = try await request.body.collect(upTo: limit)
        let data = Data(buffer.readableBytesView)
        let decoded = CollectingJSONDecoder.decode(T.self, from: data)
        if decoded.issues.contains(where: { $0.code == FieldIssue.notJSON.code }) { throw APIProblem.malformed([.notJSON]) }
        var issues = decoded.issues
        // `T` may read a member this operation does not take (`integrator_id` of a subscription
        // being changed).
        if let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            let reported = Set(issues.map(\.pointer))
            issues += object.keys.filter { !allowed.contains($0) }.sorted().map(FieldIssue.member).filter { !reported.contains($0) }
                .map(FieldIssue.unknownField)
        }
        guard let body = decoded.body else { throw APIProblem.validation(issues) }
        let undecided = decoded.undecided
        issues += rules(body).filter { issue in
            !undecided.contains { $0 == "/" || issue.pointer == $0 || issue.pointer.hasPrefix($0 + "/") }
        }
        guard issues.isEmpty else { throw APIProblem.validation(issues) }
        return body
    }

    /// A JSON response with `status`.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(PostgresTimestamp.format(date, separator: "T", utcSuffix: "Z"))
        }
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }
}
