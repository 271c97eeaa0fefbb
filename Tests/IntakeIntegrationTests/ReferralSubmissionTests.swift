import Foundation
import HTTPTypes
import IntakeService
import Logging
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("POST /v1/referrals and /v1/school-identifications", .freshDatabase, .serialized)
struct ReferralSubmissionTests {
    @Test("a valid referral is stored, audited and announced on the bus together; 201 names it")
    func created() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let response = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "№ 5-17/2026"))
            #expect(response.status == .created)
            let id = try #require(response.object["id"] as? String)
            #expect(response.headers[.location] == "/v1/referrals/\(id)")
            #expect(response.object["status"] as? String == "received")
            #expect(response.object["kind"] as? String == "agency_referral")
            #expect(response.object["referral"] == nil, "the 201 repeats no personal data")
            let stored = try await client.call(.get, "/v1/referrals/\(id)", key: court.key)
            let echoed = try #require(stored.object["referral"] as? [String: Any])
            let representatives = try #require(echoed["legal_representatives"] as? [[String: Any]])
            #expect(representatives.first?["phone"] as? String == "8 (912) 345-67-89", "the submission is kept as sent")
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals WHERE id = \(UUID(uuidString: id)!)") == 1)
            #expect(try await harness.count("""
                SELECT count(*) FROM intake.audit_log
                WHERE referral_id = \(UUID(uuidString: id)!) AND action = 'referral.create' AND key_id = \(court.keyID)
                """) == 1)
            let payload = try #require(try await harness.pool.query("""
                SELECT payload::text FROM bus.messages WHERE queue = 'observed' AND type = 'referral.received.v1'
                """).single?.decode(String.self, at: 0))
            let message = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
            #expect(message["referral_id"] as? String == id)
            #expect(message["organisation_id"] as? String == court.organisationID.uuidString.lowercased())
            #expect(message["minor_count"] as? Int == 2)
            #expect(message["party_count"] as? Int == 3)
            #expect(!payload.contains("Иванов"), "no personal data on the bus")
        }
    }

    @Test("a school identification is its own kind of referral, announced as dropout risk asking for accompaniment")
    func schoolIdentification() async throws {
        try await IntakeHarness.run { client, harness in
            let school = try await harness.integrator()
            let response = try await client.call(.post, "/v1/school-identifications", key: school.key, json: schoolIdentificationBody())
            #expect(response.status == .created)
            #expect(response.object["kind"] as? String == "school_identification")
            let id = try #require(response.object["id"] as? String)
            let stored = try await client.call(.get, "/v1/referrals/\(id)", key: school.key)
            let profile = (stored.object["school_identification"] as? [String: Any])?["student"] as? [String: Any]
            #expect(profile?["attendance_percent"] as? Double == 62.5)
            let payload = try #require(try await harness.pool.query("""
                SELECT payload FROM bus.messages WHERE queue = 'observed' AND type = 'referral.received.v1'
                """).single?.decode(String.self, at: 0))
            let message = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
            #expect(message["kind"] as? String == "school_identification")
            #expect(message["nature"] as? String == "dropout_risk")
            #expect(message["requested_responses"] as? [String] == ["accompaniment"])
        }
    }

    @Test("the same Idempotency-Key and body replays the first answer; nothing is stored twice")
    func idempotentReplay() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let body = try JSONSerialization.data(withJSONObject: referralBody())
            let first = try await client.call(.post, "/v1/referrals", key: court.key, raw: body, headers: [.idempotencyKey: "req-42"])
            let second = try await client.call(.post, "/v1/referrals", key: court.key, raw: body, headers: [.idempotencyKey: "req-42"])
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(second.body == first.body)
            #expect(second.headers[.location] == first.headers[.location])
            #expect(second.headers[.idempotentReplayed] == "true")
            #expect(first.headers[.idempotentReplayed] == nil)
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 1)
            #expect(try await harness.count("SELECT count(*) FROM bus.messages WHERE type = 'referral.received.v1'") == 1)
        }
    }

    @Test("the same Idempotency-Key with a different body is a 422 and stores nothing")
    func conflictingReplay() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let first = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "A-1"), headers: [.idempotencyKey: "k1"])
            #expect(first.status == .created)
            let second = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "A-2"), headers: [.idempotencyKey: "k1"])
            #expect(second.status == .unprocessableContent)
            #expect(second.headers[.contentType] == "application/problem+json")
            #expect(second.pointers == ["Idempotency-Key"])
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 1)
        }
    }

    @Test("an Idempotency-Key is the integrator's own: another integrator's equal key is unrelated")
    func idempotencyKeysPerIntegrator() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let police = try await harness.integrator()
            let a = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "X-1"), headers: [.idempotencyKey: "same"])
            let b = try await client.call(.post, "/v1/referrals", key: police.key, json: referralBody(reference: "X-1"), headers: [.idempotencyKey: "same"])
            #expect(a.status == .created)
            #expect(b.status == .created)
            #expect(a.object["id"] as? String != b.object["id"] as? String)
        }
    }

    @Test("Idempotency-Keys are forgotten once older than the retention, and kept until then")
    func idempotencyRetention() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            for (key, reference) in [("old", "R-1"), ("recent", "R-2")] {
                let response = try await client.call(
                    .post, "/v1/referrals", key: court.key, json: referralBody(reference: reference), headers: [.idempotencyKey: key])
                #expect(response.status == .created)
            }
            try await harness.pool.query("UPDATE intake.idempotency_keys SET created_at = now() - interval '49 hours' WHERE key = 'old'")
            let pruner = IntakeSchema.idempotencyKeyPruner(pool: harness.pool, retentionHours: 48, logger: Logger(label: "test"))
            #expect(try await pruner.prune() == 1)
            let kept = try await harness.pool.query("SELECT key FROM intake.idempotency_keys").map { try $0.decode(String.self, at: 0) }
            #expect(kept == ["recent"])
        }
    }

    @Test("a second referral with the same reference number is a 409 that points at the first")
    func duplicateReference() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let first = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "7-77"))
            let again = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "7-77"))
            #expect(again.status == .conflict)
            let firstID = try #require(first.object["id"] as? String)
            #expect(again.object["existing_referral_id"] as? String == firstID)
            #expect(again.headers[.location] == "/v1/referrals/\(firstID)")
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 1)
            #expect(try await harness.count("SELECT count(*) FROM bus.messages WHERE type = 'referral.received.v1'") == 1)
        }
    }

    @Test("concurrent submissions of one reference: exactly one is stored, the rest are 409")
    func concurrentDuplicates() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "race")).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 7)
            #expect(try await harness.count("SELECT count(*) FROM intake.referrals") == 1)
        }
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
