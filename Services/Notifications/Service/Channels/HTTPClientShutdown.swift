import AsyncHTTPClient
import ServiceLifecycle

/// Shuts the delivery HTTP client down once the service group stops (after the dispatcher has
/// recorded its last sends), as AsyncHTTPClient requires.
struct HTTPClientShutdown: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
