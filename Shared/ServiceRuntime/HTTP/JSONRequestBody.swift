import Hummingbird
import NIOCore

/// The checks a JSON API makes of a request body before any handler decodes it.
public enum JSONRequestBody {
    /// Whether the request carries a body to check: `POST`, `PUT` and `PATCH` do.
    public static func carriesBody(_ request: Request) -> Bool {
        request.method == .post || request.method == .put || request.method == .patch
    }

    /// `application/json`, with or without parameters such as `charset=utf-8`.
    public static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType == "application/json"
    }

    /// A UTF-8 byte-order mark, or the NUL bytes UTF-16 and UTF-32 put around ASCII: a decoder
    /// would read such a body, but what is stored and scanned as UTF-8 would not match it, so
    /// it is refused before either runs.
    public static func isForeignEncoding(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.prefix(4).contains(0)
    }

    /// The 400 for a body in a foreign encoding.
    public static let foreignEncoding = APIProblem.malformed([FieldIssue(
        pointer: "", code: "not_json", message: "The body must be JSON in UTF-8 without a byte-order mark.",
        messageRu: "Тело запроса должно быть JSON в UTF-8 без метки порядка байтов.")])

    /// The body of `request`, up to `limit` bytes: a longer one is a 413, whatever its
    /// `Content-Length` said, and also when it had none (`Transfer-Encoding: chunked`), where
    /// only counting the bytes as they arrive can tell.
    public static func collect(_ request: inout Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIProblem.payloadTooLarge(limit: limit)
        }
        do {
            return try await request.collectBody(upTo: limit)
        } catch let error where isTooLarge(error) {
            throw APIProblem.payloadTooLarge(limit: limit)
        }
    }

    /// Whether `error` says a body ran past its cap: NIO's byte counter (a streamed body) or
    /// Hummingbird's 413 (a declared length).
    public static func isTooLarge(_ error: any Error) -> Bool {
        switch error {
        case is NIOTooManyBytesError: true
        case let error as HTTPError: error.status == .contentTooLarge
        default: false
        }
    }
}
