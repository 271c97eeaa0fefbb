import Foundation
import Hummingbird
import NIOCore
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
///
/// The generated server stops at the first value of a body it cannot decode; the gate, which
/// holds the body's bytes, reads a refused body again as one of `bodies` and answers one 422
/// with every problem.
public struct StaffGate<Context: RequestContext>: RouterMiddleware {
    /// Checks tokens; `nil` while no secret is configured, when every request is a 401.
    let tokens: StaffTokens?
    /// The largest body accepted.
    let maxBodyBytes: Int
    /// The roles this service serves; another role's valid token is a 403.
    let roles: Set<StaffRole>
    /// The service's operations' bodies, read again when the generated server refuses one.
    let bodies: RequestBodies

    /// A gate checking `tokens` (none: every request is a 401), bodies up to `maxBodyBytes`,
    /// serving only callers in `roles`, and reporting every problem of a refused body among
    /// `bodies`.
    public init(tokens: StaffTokens?, maxBodyBytes: Int, roles: Set<StaffRole>, bodies: RequestBodies = RequestBodies([])) {
        self.tokens = tokens
        self.maxBodyBytes = maxBodyBytes
        self.roles = roles
        self.bodies = bodies
    }

    /// Checks the request, then runs the rest with its caller set.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
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
        guard roles.contains(caller.role) else { throw APIProblem.roleNotServed }
        let sent = omitted ? ByteBuffer(string: "{}") : body
        if omitted {
            // The head stays as sent: without a media type the generated server reads JSON, and
            // it does not hold the bytes to a `Content-Length` of 0.
            request.body = RequestBody(buffer: sent)
        } else if carriesBody, JSONRequestBody.isForeignEncoding(body.readableBytesView) {
            throw JSONRequestBody.foreignEncoding
        }
        do {
            return try await StaffRequest.$caller.withValue(caller) { try await next(request, context) }
        } catch {
            throw bodies.problem(for: error, body: Data(sent.readableBytesView)) as (any Error)? ?? error
        }
    }

    private func authenticate(_ request: Request) async -> StaffCaller? {
        guard let tokens, let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return await tokens.caller(for: parts[1].trimmingCharacters(in: .whitespaces))
    }
}

extension APIProblem {
    /// A valid token of a role this service does not serve (an administrator's at scheduling).
    static let roleNotServed = APIProblem(
        status: .forbidden, slug: "forbidden", title: "Not allowed for your role", titleRu: "Недоступно для вашей роли",
        detail: "This service serves no caller in your token's role.",
        detailRu: "Этот сервис не обслуживает роль, указанную в вашем токене.")

    /// No valid staff token.
    public static let staffUnauthenticated = APIProblem(
        status: .unauthorized, slug: "unauthenticated", title: "Authentication required", titleRu: "Требуется аутентификация",
        detail: "Send Authorization: Bearer <staff token>. The token is missing, malformed, forged or expired.",
        detailRu: "Передайте Authorization: Bearer <токен сотрудника>. Токен отсутствует, искажён, подделан или истёк.")
}
