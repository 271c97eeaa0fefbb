import Configuration
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("What every service's HTTP layer promises", .freshDatabase)
struct HTTPContractTests {
    /// A reader over the test database's settings, on a free port, with a small body cap.
    private func reader() throws -> ConfigReader {
        let database = try TestDatabase.required()
        let settings = [
            "HTTP_PORT": "0", "SECRETS_KEY": String(repeating: "k", count: 32), "STAFF_TOKEN_SECRET": String(repeating: "s", count: 32),
            "INTAKE_MAX_BODY_BYTES": "4096", "LOG_LEVEL": "error",
        ]
        return ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: database.environment.merging(settings) { $1 }),
        ])
    }

    /// A path of the service that lists with GET and creates with POST (a JSON body).
    private func postPath(_ service: AccordServiceUnderTest) -> String {
        switch service {
        case .intake: "/v1/referrals"
        case .scheduling: "/v1/work-plans"
        case .monitoring: "/v1/reports"
        case .notifications: "/v1/webhook-subscriptions"
        }
    }

    @Test("a streamed (chunked) body over the cap is a 413 problem, as one with Content-Length is", arguments: AccordServiceUnderTest.allCases)
    func chunkedOverCap(_ service: AccordServiceUnderTest) async throws {
        let app = try await service.build(try reader())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let body = Array(#"{"description":""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 300_000) + Array(#""}"#.utf8)
            let answer = try await RawHTTPExchange.chunked(
                port: port, head: "POST \(postPath(service)) HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json", body: body)
            #expect(answer.status == 413)
            #expect(answer.headers["content-type"] == "application/problem+json")
            #expect(answer.body.contains(#""status":413"#))
        }
    }

    @Test("a 401 carries WWW-Authenticate; a method the path does not take is a 405 with Allow; every answer is nosniff", arguments: AccordServiceUnderTest.allCases)
    func challengesAndMethods(_ service: AccordServiceUnderTest) async throws {
        let app = try await service.build(try reader())
        try await app.test(.live) { client in
            try await client.execute(uri: postPath(service), method: .get, headers: [.authorization: "Bearer nonsense"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer ") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            try await client.execute(uri: postPath(service), method: .patch, headers: [.contentType: "text/plain"]) { response in
                #expect(response.status == .methodNotAllowed)
                let allowed = Set((response.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                #expect(allowed.contains("POST") && !allowed.contains("PATCH"))
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/health/live", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }
}
