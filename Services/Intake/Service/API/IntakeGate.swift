import ServiceRuntime
import Crypto
import Foundation
import Hummingbird
import Models
import OpenAPIRuntime

/// What every `/v1` request passes before a handler sees it, cheapest check first: a JSON body,
/// the body-size cap (413), the API key (401), the key's rate limit (429). It then runs the rest
/// of the request with `IntakeRequest.current` set: the caller, and a digest of the body for
/// idempotent replays.
struct IntakeGate<Context: RequestContext>: RouterMiddleware {
    let verifier: APIKeyVerifier
    /// One bucket per API key.
    let limiter: TokenBuckets<UUID>
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        var request = request
        let carriesBody = JSONRequestBody.carriesBody(request)
        if carriesBody, !JSONRequestBody.isJSON(request.headers[.contentType]) {
            throw APIProblem.unsupportedMediaType
        }
        let body = try await JSONRequestBody.collect(&request, limit: maxBodyBytes)
        guard let caller = try await authenticate(request) else { throw APIProblem.unauthenticated }
        if let wait = limiter.take(caller.keyID) { throw APIProblem.rateLimited(retryAfter: max(1, Int(wait.totalSeconds.rounded(.up)))) }
        if carriesBody, JSONRequestBody.isForeignEncoding(body.readableBytesView) { throw JSONRequestBody.foreignEncoding }
        let digest = Data(SHA256.hash(data: body.readableBytesView))
        let current = IntakeRequest(caller: caller, bodyDigest: digest, body: String(buffer: body))
        var response: Response
        do {
            response = try await IntakeRequest.$current.withValue(current) { try await next(request, context) }
        } catch let error as ServerError where error.underlyingError is DecodingError {
            // The generated server stops at the first value it cannot decode; the integrator
            // hears of every problem of the body at once.
            let today = LocalDate(containing: Date(), in: caller.timeZone)
            throw IntakeBodies.problem(operationID: error.operationID, decoding: current.body, today: today) ?? error
        }
        // The generated server writes header values in OpenAPI's "simple" style, which
        // percent-encodes the slashes of a path; `Location` must be a plain URI reference.
        if let location = response.headers[.location], location.contains("%") {
            response.headers[.location] = location.removingPercentEncoding
        }
        return response
    }

    private func authenticate(_ request: Request) async throws -> IntakeCaller? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let key = APIKey(parts[1].trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        return try await verifier.caller(for: key)
    }
}
