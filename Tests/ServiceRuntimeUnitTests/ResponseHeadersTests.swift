import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceRuntime
import Testing

@Suite("Headers every service answer carries")
struct ResponseHeadersTests {
    /// A service with one collection path (GET, POST), one item path (GET, DELETE), an HTML
    /// page, a CSV file and a route that refuses its caller, as the services' routes do.
    private func app() async throws -> some ApplicationProtocol {
        try await buildTestApplication { router in
            router.add(middleware: ProblemMiddleware(retryAfter: 5, maxBodyBytes: 1024))
            router.get("/v1/referrals") { _, _ in "[]" }
            router.post("/v1/referrals") { _, _ in Response(status: .created) }
            router.get("/v1/referrals/{id}") { _, _ in "{}" }
            router.delete("/v1/referrals/{id}") { _, _ in Response(status: .noContent) }
            router.get("/v1/page") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<p>Иванов</p>")))
            }
            router.get("/v1/file.csv") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/csv"], body: .init(byteBuffer: ByteBuffer(string: "a,b")))
            }
            router.get("/v1/private") { _, _ -> Response in throw APIProblem(
                status: .unauthorized, slug: "unauthenticated", title: "t", titleRu: "т", detail: "d", detailRu: "д") }
        }
    }

    @Test("a method a path does not take is a 405 naming the methods it does, before any handler or gate runs")
    func methodNotAllowed() async throws {
        try await app().test(.router) { client in
            for (method, path, allow) in [
                (HTTPRequest.Method.put, "/v1/referrals", "GET, HEAD, POST"),
                (.patch, "/v1/referrals/0b4f2c52-8d1e-4a3f-9e6a-1c2d3e4f5a6b", "DELETE, GET, HEAD"),
                (.delete, "/health/live", "GET, HEAD"),
                (.post, "/metrics", "GET, HEAD"),
            ] {
                try await client.execute(uri: path, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(String(buffer: response.body).contains(#""status":405"#))
                }
            }
            // A path no route serves stays a 404; a method the path takes reaches its handler.
            try await client.execute(uri: "/v1/nothing", method: .put) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/referrals", method: .post) { #expect($0.status == .created) }
        }
    }

    @Test("a 401 names the bearer scheme in WWW-Authenticate")
    func unauthorizedChallenge() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/private", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="accord""#)
            }
        }
    }

    @Test("every answer is nosniff; text names UTF-8; HTML gets a policy allowing nothing but its own styles")
    func contentHeaders() async throws {
        try await app().test(.router) { client in
            for path in ["/v1/referrals", "/v1/nothing", "/health/live", "/metrics", "/v1/page", "/v1/file.csv"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                }
            }
            try await client.execute(uri: "/v1/page", method: .get) { response in
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && !policy.contains("script-src"))
            }
            try await client.execute(uri: "/v1/file.csv", method: .get) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy] == nil)
            }
        }
    }
}
