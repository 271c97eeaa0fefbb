import Hummingbird
import Prometheus

extension Router {
    /// Serves `registry` in the Prometheus text exposition format at `GET /metrics`.
    public func addMetricsRoute(registry: PrometheusCollectorRegistry) {
        get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
    }
}
