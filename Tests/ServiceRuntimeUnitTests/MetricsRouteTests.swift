import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@Suite("Metrics endpoint")
struct MetricsRouteTests {
    @Test("serves the registry as Prometheus text")
    func exposition() async throws {
        let registry = PrometheusCollectorRegistry()
        let counter = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "accord", metricName: "referrals_received", unitName: "total", helpText: "Test counter."
            ),
            labels: []
        )
        counter.increment(by: Int64(3))

        let app = try await buildTestApplication(registry: registry)
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(text.contains("# TYPE accord_referrals_received_total counter\n"))
                #expect(text.contains("\naccord_referrals_received_total 3\n"))
            }
        }
    }

    @Test("labels request metrics with the route pattern, never the raw path")
    func requestMetrics() async throws {
        let app = try await buildTestApplication { router in
            router.get("/referrals/{id}") { _, _ in HTTPResponse.Status.noContent }
        }
        try await app.test(.router) { client in
            try await client.execute(uri: "/referrals/4711", method: .get) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/referrals/4712", method: .get) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/nowhere", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"http_server_requests_total{method="GET",route="/referrals/{id}",status="204"} 2"#))
                #expect(text.contains(#"http_server_requests_total{method="GET",route="NotFound",status="404"} 1"#))
                #expect(text.contains(#"http_server_request_duration_seconds_count{method="GET",route="/referrals/{id}",status="204"} 2"#))
                #expect(!text.contains("4711"))
                #expect(!text.contains("/health"))
            }
        }
    }
}
