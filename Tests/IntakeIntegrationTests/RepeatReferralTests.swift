import Foundation
import IntakeService
import Postgres
import Testing
import TestSupport

@Suite("Repeat referrals of the same minor", .freshDatabase, .serialized)
struct RepeatReferralTests {
    @Test("a minor named again at the same service is counted in the announcement; elsewhere, on replay and in the same referral, not")
    func counted() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let school = try await harness.integrator(organisation: court.organisationID)
            let elsewhere = try await harness.integrator()

            let first = referralBody(reference: "1")
            #expect(try await client.call(.post, "/v1/referrals", key: court.key, json: first).status == .created)

            // Пётр Иванов again, as the other sender spells him, with a new minor beside him, and
            // named twice: he is one minor seen before.
            var second = referralBody(reference: "2")
            second["minors"] = [
                ["ref": "a", "name": ["last_name": "ИВАНОВ", "first_name": "Петр"], "birth_date": "2013-05-01"],
                ["ref": "b", "name": ["last_name": "Сидоров", "first_name": "Олег"], "birth_date": "2013-01-09"],
                ["ref": "c", "name": ["last_name": "иванов ", "first_name": "пётр"], "birth_date": "2013-05-01"],
            ]
            second["legal_representatives"] = nil
            let body = try JSONSerialization.data(withJSONObject: second)
            for _ in 1...2 {
                #expect(try await client.call(.post, "/v1/referrals", key: court.key, raw: body, headers: [.idempotencyKey: "k2"]).status == .created)
            }

            // The school identifies Олег Сидоров at the same service: seen once before.
            var identification = schoolIdentificationBody(reference: "3")
            identification["student"] = ["name": ["last_name": "Сидоров", "first_name": "Олег"], "birth_date": "2013-01-09", "class_name": "7Б"]
            identification["legal_representatives"] = nil
            #expect(try await client.call(.post, "/v1/school-identifications", key: school.key, json: identification).status == .created)

            // The same children at another service are new there.
            #expect(try await client.call(.post, "/v1/referrals", key: elsewhere.key, json: referralBody(reference: "4")).status == .created)

            let rows = try await harness.pool.query("""
                SELECT payload->'source'->'reference'->>'number', payload->>'repeat_minor_count'
                FROM bus.messages WHERE queue = 'observed' AND type = 'referral.received.v1' ORDER BY id
                """)
            let counts = try rows.map { "\(try $0.decode(String.self, at: 0))=\(try $0.decode(String.self, at: 1))" }
            #expect(counts == ["1=0", "2=1", "3=1", "4=0"])
            #expect(try await harness.count("SELECT count(*) FROM intake.minor_fingerprints") == 2 + 2 + 1 + 2)
            #expect(try await harness.count("""
                SELECT count(*) FROM bus.messages WHERE type = 'referral.received.v1'
                AND (payload::text LIKE '%Иванов%' OR payload::text LIKE '%Сидоров%')
                """) == 0, "the bus carries counts, not names")
        }
    }
}
