import Hummingbird
import Prometheus

/// Counts HTTP requests and records how long they took, labelled by method, route and status.
///
/// The route label is the matched route pattern (`/referrals/{id}`), never the raw path, so
/// identifiers neither leak into metrics nor make the number of series grow without bound;
/// unmatched requests are labelled `NotFound`. Methods outside the standard set are labelled
/// `other` for the same reason. Metrics go straight into a `PrometheusCollectorRegistry` rather
/// than through the global `MetricsSystem`, so each test can observe its own registry.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let registry: PrometheusCollectorRegistry

    /// Creates the middleware recording into `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Times the rest of the chain and records the outcome, including requests that end in an error.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status, duration: .now - start)
            return response
        } catch {
            // The error becomes a response further out; record the status it will get.
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(request, context: context, status: status, duration: .now - start)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: HTTPResponse.Status, duration: Duration) {
        let method = RequestMetrics.standardMethods.contains(request.method) ? request.method.rawValue : "other"
        let labels = [
            ("method", method),
            ("route", context.endpointPath ?? "NotFound"),
            ("status", String(status.code)),
        ]
        registry.makeCounter(descriptor: RequestMetrics.requestsDescriptor, labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: RequestMetrics.durationDescriptor,
            labels: labels,
            buckets: RequestMetrics.durationBuckets
        ).record(duration)
    }
}

/// The names, buckets and label vocabulary of the request metrics (generic types cannot hold static constants).
private enum RequestMetrics {
    static var requestsDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http", subsystem: "server", metricName: "requests", unitName: "total",
            helpText: "HTTP requests handled, by method, route pattern and status."
        )
    }

    static var durationDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "http", subsystem: "server", metricName: "request_duration", unitName: "seconds",
            helpText: "Time to produce an HTTP response, by method, route pattern and status."
        )
    }

    /// From a few milliseconds (health checks, cached reads) to the seconds a quarterly export may take.
    static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    static let standardMethods: Set<HTTPRequest.Method> = [
        .get, .head, .post, .put, .delete, .connect, .options, .trace, .patch,
    ]
}
