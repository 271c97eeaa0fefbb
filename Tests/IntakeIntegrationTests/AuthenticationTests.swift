import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("API keys: bearer authentication, rotation, revocation, rate limits", .freshDatabase, .serialized)
struct AuthenticationTests {
    @Test("no key, a malformed key and a well-formed unknown key are all 401 problems")
    func unauthenticated() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let forged = String(court.key.dropLast(4)) + "AAAA"
            for key in [nil, "nonsense", forged, "acc_" + String(repeating: "0", count: 32) + "_" + String(repeating: "A", count: 43)] {
                let response = try await client.call(.get, "/v1/referrals", key: key)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            #expect(try await client.call(.get, "/v1/referrals", key: court.key).status == .ok)
        }
    }

    @Test("a revoked key is refused with 401")
    func revoked() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            #expect(try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody()).status == .created)
            try await harness.administration.revoke(keyID: court.keyID)
            #expect(try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody()).status == .unauthorized)
            #expect(try await client.call(.get, "/v1/referrals", key: court.key).status == .unauthorized)
            #expect(try await harness.count("SELECT count(*) FROM intake.audit_log WHERE action = 'key.revoke' AND key_id = \(court.keyID)") == 1)
        }
    }

    @Test("with the key cache on, a revocation takes effect once the cache period passes")
    func revokedWithCache() async throws {
        try await IntakeHarness.run(settings: ["INTAKE_API_KEYS_CACHE_SECONDS": "1"]) { client, harness in
            let court = try await harness.integrator()
            #expect(try await client.call(.get, "/v1/referrals", key: court.key).status == .ok)
            try await harness.administration.revoke(keyID: court.keyID)
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await client.call(.get, "/v1/referrals", key: court.key).status == .unauthorized)
        }
    }

    @Test("after a rotation old and new keys both work until the overlap ends; then only the new one")
    func rotation() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let successor = try await harness.administration.rotate(keyID: court.keyID, overlap: .seconds(3600))
            #expect(successor.replacesKeyId == court.keyID)
            #expect(try await client.call(.get, "/v1/referrals", key: court.key).status == .ok)
            #expect(try await client.call(.get, "/v1/referrals", key: successor.key).status == .ok)
            // The overlap ends: the old key is past its expiry.
            try await harness.pool.query("UPDATE intake.api_keys SET expires_at = now() - interval '1 second' WHERE id = \(court.keyID)")
            #expect(try await client.call(.get, "/v1/referrals", key: court.key).status == .unauthorized)
            #expect(try await client.call(.get, "/v1/referrals", key: successor.key).status == .ok)
            let states = try await harness.administration.keys(integratorID: court.id).map(\.state)
            #expect(states == ["expired", "active"])
        }
    }

    @Test("a deactivated integrator's keys stop working")
    func deactivated() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            try await harness.administration.deactivate(integratorID: court.id)
            #expect(try await client.call(.get, "/v1/referrals", key: court.key).status == .unauthorized)
        }
    }

    @Test("keys are stored only as SHA-256 digests of their secrets")
    func storedHashed() async throws {
        try await IntakeHarness.run { _, harness in
            let court = try await harness.integrator()
            let stored = try await harness.pool.query("SELECT secret_sha256 FROM intake.api_keys WHERE id = \(court.keyID)").single
            let digest = try #require(try stored?.decode(Data.self, at: 0))
            #expect(digest.count == 32)
            let dump = try await harness.pool.query("SELECT row_to_json(k)::text FROM intake.api_keys k").map { try $0.decode(String.self, at: 0) }
            // `acc_<key id>_<secret>`: the secret is base64url and may itself hold an underscore.
            let secret = String(court.key.split(separator: "_", maxSplits: 2).last!)
            #expect(secret.count == 43)
            #expect(!dump.joined().contains(secret))
        }
    }

    @Test("past its burst a key gets 429 with Retry-After; other keys are not affected")
    func rateLimited() async throws {
        try await IntakeHarness.run(settings: ["INTAKE_RATE_LIMIT_PER_SECOND": "1", "INTAKE_RATE_LIMIT_BURST": "3"]) { client, harness in
            let court = try await harness.integrator()
            let police = try await harness.integrator()
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for _ in 0..<5 {
                let response = try await client.call(.get, "/v1/referrals", key: court.key)
                statuses.append(response.status)
                if response.status == .tooManyRequests { retryAfter = response.headers[.retryAfter] }
            }
            #expect(statuses.prefix(3).allSatisfy { $0 == .ok })
            #expect(statuses.last == .tooManyRequests)
            #expect(retryAfter.flatMap(Int.init).map { $0 >= 1 } == true)
            #expect(try await client.call(.get, "/v1/referrals", key: police.key).status == .ok)
        }
    }
}
