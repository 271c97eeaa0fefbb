import Crypto
import Foundation
import Hummingbird

/// What every `/v1` request passes before a handler sees it, cheapest check first: a JSON body,
/// the body-size cap (413), the API key (401), the key's rate limit (429). It then runs the rest
/// of the request with `IntakeRequest.current` set: the caller, and a digest of the body for
/// idempotent replays.
struct IntakeGate<Context: RequestContext>: RouterMiddleware {
    let verifier: APIKeyVerifier
    let limiter: RateLimiter
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        var request = request
        let carriesBody = request.method == .post || request.method == .put
        if carriesBody, !Self.isJSON(request.headers[.contentType]) {
            throw IntakeProblem.unsupportedMediaType
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw IntakeProblem.payloadTooLarge(limit: maxBodyBytes)
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw IntakeProblem.payloadTooLarge(limit: maxBodyBytes)
        }
        guard let caller = try await authenticate(request) else { throw IntakeProblem.unauthenticated }
        if let wait = limiter.take(caller.keyID) { throw IntakeProblem.rateLimited(retryAfter: wait) }
        if carriesBody, Self.isForeignEncoding(body.readableBytesView) {
            throw IntakeProblem.malformed([FieldIssue(
                pointer: "", code: "not_json", message: "The body must be JSON in UTF-8 without a byte-order mark.",
                messageRu: "Тело запроса должно быть JSON в UTF-8 без метки порядка байтов.")])
        }
        let digest = Data(SHA256.hash(data: body.readableBytesView))
        var response = try await IntakeRequest.$current.withValue(IntakeRequest(caller: caller, bodyDigest: digest, body: String(buffer: body))) {
            try await next(request, context)
        }
        // The generated server writes header values in OpenAPI's "simple" style, which
        // percent-encodes the slashes of a path; `Location` must be a plain URI reference.
        if let location = response.headers[.location], location.contains("%") {
            response.headers[.location] = location.removingPercentEncoding
        }
        return response
    }

    /// A UTF-8 byte-order mark, or the NUL bytes UTF-16 and UTF-32 put around ASCII: the decoder
    /// would read such a body, but the stored document and the check for undocumented fields
    /// (which both take UTF-8 as sent) would not, so it is refused before either runs.
    static func isForeignEncoding(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.prefix(4).contains(0)
    }

    private func authenticate(_ request: Request) async throws -> IntakeCaller? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let key = APIKey(parts[1].trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        return try await verifier.caller(for: key)
    }

    /// `application/json`, with or without parameters such as `charset=utf-8`.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType == "application/json"
    }
}
