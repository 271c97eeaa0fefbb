import Metrics
import Prometheus

/// Installs the process-wide swift-metrics backend.
public enum MetricsBootstrap {
    /// Sends every swift-metrics counter, gauge and timer in the process to
    /// `PrometheusMetricsFactory.defaultRegistry`, the registry `buildServiceApplication`
    /// serves at `/metrics` unless told otherwise.
    ///
    /// `MetricsSystem.bootstrap` traps when called twice, so only the first call in a process
    /// has an effect. `runService` calls it; tests pass their own `PrometheusCollectorRegistry`
    /// to the application instead, so they do not depend on each other.
    public static func bootstrap() {
        guard once.claim() else {
            return
        }
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: PrometheusMetricsFactory.defaultRegistry))
    }

    private static let once = OnceFlag()
}
