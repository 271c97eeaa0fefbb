import Foundation
import Hummingbird
import Logging
import OpenAPIRuntime
import Postgres

/// Turns every failure under `/v1` into an RFC 9457 problem document with the right 4xx or 503,
/// so that no input, however bad, gets a bare 500 or an empty body.
///
/// Logs name the operation and the error's kind, never the request's values.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// `Retry-After` for a 503.
    let retryAfter: Int
    /// The body cap a 413 names.
    let maxBodyBytes: Int
    /// The query parameter of a request's path that does not decode, if the service can tell:
    /// the generated server reports such a failure without the parameter's name.
    let invalidParameter: @Sendable (String?) -> String?
    /// Turns a service's own domain errors into problems.
    let domainProblem: @Sendable (any Error) -> APIProblem?

    /// A middleware answering `Retry-After: retryAfter` on a 503 and naming `maxBodyBytes` on a 413.
    public init(
        retryAfter: Int, maxBodyBytes: Int, invalidParameter: @escaping @Sendable (String?) -> String? = { _ in nil },
        domainProblem: @escaping @Sendable (any Error) -> APIProblem? = { _ in nil }
    ) {
        self.retryAfter = retryAfter
        self.maxBodyBytes = maxBodyBytes
        self.invalidParameter = invalidParameter
        self.domainProblem = domainProblem
    }

    /// Runs the request and turns any failure into a problem response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = problem(for: error)
            if problem.status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(Self.kind(of: error))"])
            } else if problem.status == .serviceUnavailable {
                context.logger.warning("database unavailable", metadata: ["path": "\(request.uri.path)", "error": "\(Self.kind(of: error))"])
            }
            return problem.response()
        }
    }

    func problem(for error: any Error) -> APIProblem {
        if let problem = domainProblem(error) { return problem }
        // Wherever a body was collected (a gate, a handler, the generated server), running past
        // the cap is the client's 413, never our 500.
        if JSONRequestBody.isTooLarge(error) || (error as? ServerError).map({ JSONRequestBody.isTooLarge($0.underlyingError) }) == true {
            return .payloadTooLarge(limit: maxBodyBytes)
        }
        switch error {
        case let problem as APIProblem:
            return problem
        case let decoding as DecodingError:
            // A handler that decodes its body itself (no generated server) throws it as it is.
            return Self.problem(for: decoding, pointerPrefix: "/")
        case let error as ServerError:
            // A request without a body can only be wrong in its parameters, named without a slash.
            let pointerPrefix = error.request.method == .get || error.request.method == .delete ? "" : "/"
            if let domain = domainProblem(error.underlyingError) { return domain }
            if let nested = Self.problem(in: error.underlyingError) ?? Self.problem(in: error) { return nested }
            if let database = error.underlyingError as? PostgresError { return problem(for: database) }
            if pointerPrefix.isEmpty, let name = invalidParameter(error.request.path) {
                return .validation([FieldIssue(
                    pointer: name, code: "invalid_value", message: "Is not a valid value for this parameter; see /openapi.yaml.",
                    messageRu: "Недопустимое значение параметра; см. /openapi.yaml.")])
            }
            if let decoding = Self.decodingError(in: error.underlyingError) {
                return Self.problem(for: decoding, pointerPrefix: pointerPrefix)
            }
            if error.httpStatus == .unsupportedMediaType { return .unsupportedMediaType }
            if (400..<500).contains(error.httpStatus.code) {
                var problem = APIProblem.malformed([])
                problem.status = error.httpStatus
                return problem
            }
            return .internalError
        case let error as PostgresError:
            return Self.isUnavailability(error) ? .unavailable(retryAfter: retryAfter) : .internalError
        case let error as HTTPError:
            switch error.status {
            case .notFound: return .routeNotFound
            case .methodNotAllowed: return .methodNotAllowed
            default:
                guard (400..<500).contains(error.status.code) else { return .internalError }
                var problem = APIProblem.malformed([])
                problem.status = error.status
                return problem
            }
        default:
            return .internalError
        }
    }

    /// Whether the database is down, out of reach or too slow to answer in time (a statement
    /// cancelled by `statement_timeout`), rather than refusing this statement.
    public static func isUnavailability(_ error: PostgresError) -> Bool {
        switch error.kind {
        case .connectionFailure, .poolTimeout, .poolClosed, .queryCanceled: return true
        default:
            // 08: connection exceptions; 57P01–57P03: shutdown, crash, not yet accepting; 53: out of resources.
            guard let state = error.sqlState else { return false }
            return state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("53")
        }
    }

    /// A problem a handler threw, wherever the runtime wrapped it.
    private static func problem(in error: any Error) -> APIProblem? {
        if let problem = error as? APIProblem { return problem }
        return Mirror(reflecting: error).children.lazy.compactMap { $0.value as? APIProblem }.first
    }

    /// The runtime reports a body or parameter it could not decode as an internal error type
    /// holding the `DecodingError`; look one level in.
    private static func decodingError(in error: any Error) -> DecodingError? {
        if let decoding = error as? DecodingError { return decoding }
        return Mirror(reflecting: error).children.lazy.compactMap { $0.value as? DecodingError }.first
    }

    /// A missing field or a value of the wrong type or outside an enumeration is a 422 naming the
    /// field; a body that is not JSON at all is a 400.
    static func problem(for error: DecodingError, pointerPrefix: String) -> APIProblem {
        FieldIssue.decoding(error, pointerPrefix: pointerPrefix).map { .validation([$0]) } ?? .malformed([.notJSON])
    }

    /// The error's type, for logs: never its description, which may quote a value.
    private static func kind(of error: any Error) -> String {
        if let error = error as? PostgresError { return "PostgresError(\(error.kind), \(error.sqlState ?? "-"))" }
        if let error = error as? ServerError { return "ServerError(\(error.operationID), \(kind(of: error.underlyingError)))" }
        return String(describing: type(of: error))
    }
}
