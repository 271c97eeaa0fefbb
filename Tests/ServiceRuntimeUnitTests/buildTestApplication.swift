import Configuration
import Hummingbird
import Prometheus
import ServiceRuntime

/// The application a service would build, on a free port, with its own metrics registry
/// so tests never share counters through the process-wide one.
func buildTestApplication(
    readinessChecks: [ReadinessCheck] = [],
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    routes: (Router<BasicRequestContext>) -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let service = ServiceIdentity(name: "test", defaultPort: 0)
    let settings = try await ServiceSettings(service: service, reader: ConfigReader(service: service, environment: [:]))
    return buildServiceApplication(
        settings: settings,
        context: BasicRequestContext.self,
        readinessChecks: readinessChecks,
        metricsRegistry: registry,
        routes: routes
    )
}
