import Hummingbird
import Synchronization

/// The paths a service serves and the methods each takes, read off its router once every route
/// is added, so that a request with an undeclared method is told which ones exist.
public final class RouteTable: Sendable {
    private struct Route: Sendable {
        let path: RouterPath
        var methods: Set<HTTPRequest.Method>
    }

    private let routes = Mutex<[Route]>([])

    /// An empty table; `record(_:)` fills it.
    public init() {}

    /// Reads `router`'s routes. Called after the last route is added and before the server
    /// starts, so no request ever sees a half-filled table.
    public func record<Context>(_ router: Router<Context>) {
        var grouped: [String: Route] = [:]
        for route in router.routes {
            grouped[route.path.description, default: Route(path: route.path, methods: [])].methods.insert(route.method)
        }
        routes.withLock { $0 = Array(grouped.values) }
    }

    /// The methods a route matching `path` takes, or `nil` when no route matches it.
    func methods(for path: String) -> Set<HTTPRequest.Method>? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.withLock { routes in
            let matching = routes.filter { route in
                route.path.components.count == segments.count
                    && zip(route.path.components, segments).allSatisfy { element, segment in element ~= segment }
            }
            return matching.isEmpty ? nil : matching.reduce(into: Set()) { $0.formUnion($1.methods) }
        }
    }
}

/// Answers a method a path does not take with 405 and `Allow` (RFC 9110 §15.5.6), before any
/// gate looks at credentials or the body: "this resource has no PUT" is true whoever asks, and
/// a 404, 401 or 415 in its place would send the caller looking for the wrong mistake.
public struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    /// A middleware checking methods against `table`.
    public init(table: RouteTable) {
        self.table = table
    }

    /// Passes the request on unless its path is served but not with its method.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let methods = table.methods(for: request.uri.path), !methods.contains(request.method) else {
            return try await next(request, context)
        }
        // HEAD is answered wherever GET is (Hummingbird serves it through the GET route).
        if request.method == .head, methods.contains(.get) { return try await next(request, context) }
        var response = APIProblem.methodNotAllowed.response()
        var allowed = methods
        if allowed.contains(.get) { allowed.insert(.head) }
        response.headers[.allow] = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        return response
    }
}
