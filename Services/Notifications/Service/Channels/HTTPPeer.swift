import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The HTTP client webhooks and the SMS gateway share: pooled connections, no redirects (a
/// redirect could point a signed delivery anywhere), a time limit on every request.
struct HTTPPeer: Sendable {
    let client: HTTPClient
    let timeout: Duration

    /// POSTs `body` with `headers` to `url` and reads the answer as a ``SendOutcome``.
    func post(_ url: String, body: ByteBuffer, headers: HTTPHeaders) async -> SendOutcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.body = .bytes(body)
        do {
            let response = try await client.execute(request, timeout: TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
            // Drain (at most 64 KiB) so the connection goes back to the pool; the body is not kept.
            _ = try? await response.body.collect(upTo: 65_536)
            return .http(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"))
        } catch let error as HTTPClientError where error == .invalidURL || error == .emptyHost || error == .emptyScheme {
            return .failed(peerStatus: nil, reason: "invalid_url")
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return .retry(peerStatus: nil, error: "timeout", peerAsked: nil)
        } catch {
            return .retry(peerStatus: nil, error: "connection_failed", peerAsked: nil)
        }
    }

    /// A client for deliveries: no redirects, connections kept for reuse.
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.timeout = .init(connect: .seconds(5))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
