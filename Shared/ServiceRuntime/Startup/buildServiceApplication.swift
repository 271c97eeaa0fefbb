import Hummingbird
import Prometheus
import ServiceLifecycle

/// Assembles a service's Hummingbird application with everything the four services share.
///
/// Every answer passes `SecurityHeadersMiddleware`, and a method a path does not take gets a 405
/// naming the ones it does (`MethodNotAllowedMiddleware`). The router then gets `/health/live`,
/// `/health/ready` and `/metrics`, then
/// `HTTPMetricsMiddleware` (so the service's own routes are measured but health probes and
/// scrapes are not), then whatever `routes` adds.
///
/// The application runs `services` alongside the HTTP server. They start together; on shutdown
/// the server stops accepting requests first, then `services` stop in reverse order, so list a
/// connection pool before the bus workers that use it.
///
/// - Parameters:
///   - settings: Where to listen, how to log, whether to migrate.
///   - context: The request context type of the service's routes, e.g. `BasicRequestContext.self`.
///   - readinessChecks: What `/health/ready` checks, e.g. a database ping.
///   - services: Long-running work besides HTTP, e.g. a connection pool and bus workers.
///   - migrate: The service's database migrations; run after `services` have started and before
///     the server accepts requests, and only when `settings.migrateOnStart` is set.
///   - metricsRegistry: The registry `/metrics` serves and request metrics go to. Production keeps
///     the default, where `MetricsBootstrap` sends swift-metrics; tests pass a fresh one.
///   - routes: Adds the service's own routes and middleware.
/// - Returns: The application; run it with `runService`, or test it with HummingbirdTesting.
public func buildServiceApplication<Context: RequestContext>(
    settings: ServiceSettings,
    context: Context.Type,
    readinessChecks: [ReadinessCheck] = [],
    services: [any Service] = [],
    migrate: (@Sendable () async throws -> Void)? = nil,
    metricsRegistry: PrometheusCollectorRegistry = PrometheusMetricsFactory.defaultRegistry,
    routes: (Router<Context>) throws -> Void
) rethrows -> Application<RouterResponder<Context>> where Context.Source == ApplicationRequestContextSource {
    let router = Router(context: context)
    let routeTable = RouteTable()
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(table: routeTable))
    router.addHealthRoutes(readinessChecks: readinessChecks)
    router.addMetricsRoute(registry: metricsRegistry)
    router.add(middleware: HTTPMetricsMiddleware(registry: metricsRegistry))
    try routes(router)
    routeTable.record(router)
    var application = Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(settings.httpHost, port: settings.httpPort)),
        services: services,
        logger: settings.makeLogger()
    )
    if settings.migrateOnStart, let migrate {
        application.beforeServerStarts(perform: migrate)
    }
    return application
}
