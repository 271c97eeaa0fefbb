import Foundation
import Hummingbird

extension APIProblem {
    /// The problem as an `application/problem+json` response.
    public func response() -> Response {
        let body = (try? Self.encoder.encode(Document(problem: self))) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json", .contentLanguage: "en, ru"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let location { headers[.location] = location }
        // RFC 9110 §11.6.1: a 401 names the scheme that would succeed. Every Accord API takes a
        // bearer credential (an integrator's API key, a staff token).
        if status == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="accord""# }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Compact, with keys sorted: the same problem is always the same bytes.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The RFC 9457 document: its standard members, the Russian texts, the field errors and
    /// any extension members.
    private struct Document: Encodable {
        let problem: APIProblem

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        struct Issue: Encodable {
            let pointer: String, code: String, message: String, message_ru: String
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(problem.type, forKey: Key("type"))
            try container.encode(problem.title, forKey: Key("title"))
            try container.encode(problem.titleRu, forKey: Key("title_ru"))
            try container.encode(Int(problem.status.code), forKey: Key("status"))
            try container.encode(problem.detail, forKey: Key("detail"))
            try container.encode(problem.detailRu, forKey: Key("detail_ru"))
            if !problem.issues.isEmpty {
                try container.encode(
                    problem.issues.map { Issue(pointer: $0.pointer, code: $0.code, message: $0.message, message_ru: $0.messageRu) },
                    forKey: Key("errors"))
            }
            for (name, value) in problem.members { try container.encode(value, forKey: Key(name)) }
        }
    }
}
