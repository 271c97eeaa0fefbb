import Foundation
import Hummingbird
import Postgres
import ServiceRuntime

/// Reads a request's JSON body as `T`, refusing members `T` does not know (a 422 naming each),
/// so a misspelt field is an error rather than silently ignored.
enum APIBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, allowed: Set<String>, limit: Int) async throws -> T {
        let buffer = try await request.body.collect(upTo: limit)
        let data = Data(buffer.readableBytesView)
        if let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            let unknown = object.keys.filter { !allowed.contains($0) }.sorted()
            if !unknown.isEmpty { throw APIProblem.validation(unknown.map { FieldIssue.unknownField("/" + $0) }) }
        }
        return try JSONDecoder().decode(T.self, from: data)
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
