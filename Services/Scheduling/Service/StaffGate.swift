import Hummingbird
import ServiceRuntime

/// What every `/v1` request passes before a handler sees it: a JSON body within the cap (415,
/// 413, 400) and a valid staff token (401). The rest of the request runs with
/// ``StaffRequest/caller`` set, and every query it makes is scoped to that caller.
///
/// A `POST` or `PUT` may come without a body (no bytes, and no media type or JSON's): the
/// document lets a cancellation, a meeting held or a plan's completion omit theirs. The
/// generated server would read no bytes as broken JSON (a 400), so the gate hands it `{}`,
/// which is what those operations take for "nothing to say"; an operation that needs a body
/// then answers a 422 naming the fields it misses.
struct StaffGate<Context: RequestContext>: RouterMiddleware {
    /// Checks tokens; `nil` while no secret is configured, when every request is a 401.
    let tokens: StaffTokens?
    /// The largest body accepted.
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        var request = request
        let carriesBody = JSONRequestBody.carriesBody(request)
        let contentType = request.headers[.contentType]
        if carriesBody, let contentType, !JSONRequestBody.isJSON(contentType) { throw APIProblem.unsupportedMediaType }
        let body = try await JSONRequestBody.collect(&request, limit: maxBodyBytes)
        let omitted = carriesBody && body.readableBytes == 0
        // Bytes without a media type are not JSON for certain.
        if carriesBody, !omitted, contentType == nil { throw APIProblem.unsupportedMediaType }
        guard let caller = await authenticate(request) else { throw APIProblem.staffUnauthenticated }
        if omitted {
            // The head stays as sent: without a media type the generated server reads JSON, and
            // it does not hold the bytes to a `Content-Length` of 0.
            request.body = RequestBody(buffer: ByteBuffer(string: "{}"))
        } else if carriesBody, JSONRequestBody.isForeignEncoding(body.readableBytesView) {
            throw JSONRequestBody.foreignEncoding
        }
        return try await StaffRequest.$caller.withValue(caller) { try await next(request, context) }
    }

    private func authenticate(_ request: Request) async -> StaffCaller? {
        guard let tokens, let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return await tokens.caller(for: parts[1].trimmingCharacters(in: .whitespaces))
    }
}

extension APIProblem {
    /// No valid staff token.
    static let staffUnauthenticated = APIProblem(
        status: .unauthorized, slug: "unauthenticated", title: "Authentication required", titleRu: "Требуется аутентификация",
        detail: "Send Authorization: Bearer <staff token>. The token is missing, malformed, forged or expired.",
        detailRu: "Передайте Authorization: Bearer <токен сотрудника>. Токен отсутствует, искажён, подделан или истёк.")
}
