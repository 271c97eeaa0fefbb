import Bus
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Postgres
import Testing
import TestSupport

@Suite("Following referrals: reads, lists, status reports from the bus, audit", .freshDatabase, .serialized)
struct ReferralFollowUpTests {
    @Test("an integrator reads its own referral; another integrator's is a 404, as is a malformed id")
    func scopedRead() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let police = try await harness.integrator()
            let created = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody())
            let id = try #require(created.object["id"] as? String)
            let own = try await client.call(.get, "/v1/referrals/\(id)", key: court.key)
            #expect(own.status == .ok)
            #expect(own.object["id"] as? String == id)
            #expect((own.object["status_history"] as? [[String: Any]])?.map { $0["status"] as? String } == ["received"])
            let foreign = try await client.call(.get, "/v1/referrals/\(id)", key: police.key)
            #expect(foreign.status == .notFound)
            #expect(foreign.headers[.contentType] == "application/problem+json")
            #expect(try await client.call(.get, "/v1/referrals/not-a-uuid", key: court.key).status == .notFound)
            let reads = try await harness.count("""
                SELECT count(*) FROM intake.audit_log WHERE referral_id = \(UUID(uuidString: id)!) AND action = 'referral.read'
                """)
            #expect(reads == 1, "the refused read touched nothing")
        }
    }

    @Test("the list pages with cursors through the integrator's own referrals only, and filters by status and since")
    func listPages() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let police = try await harness.integrator()
            var ids: [String] = []
            for index in 0..<5 {
                let created = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "L-\(index)"))
                ids.append(try #require(created.object["id"] as? String))
            }
            _ = try await client.call(.post, "/v1/referrals", key: police.key, json: referralBody(reference: "P-1"))
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = "/v1/referrals?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.call(.get, query, key: court.key)
                #expect(page.status == .ok)
                seen += (page.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page.object["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == ids)
            #expect(pages == 3)
            let future = try await client.call(.get, "/v1/referrals?since=2099-01-01T00:00:00Z", key: court.key)
            #expect((future.object["items"] as? [Any])?.isEmpty == true)
            let closed = try await client.call(.get, "/v1/referrals?status=closed", key: court.key)
            #expect((closed.object["items"] as? [Any])?.isEmpty == true)
            let listed = try await harness.count("SELECT count(*) FROM intake.audit_log WHERE action = 'referral.list'")
            #expect(listed == 5)
        }
    }

    @Test("bad list parameters are 422s naming the parameter")
    func badListParameters() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            for (query, parameter) in [("limit=abc", "limit"), ("limit=0", "limit"), ("status=lost", "status"), ("since=yesterday", "since"), ("cursor=%21%21", "cursor")] {
                let response = try await client.call(.get, "/v1/referrals?\(query)", key: court.key)
                #expect(response.status == .unprocessableContent, "\(query)")
                #expect(response.pointers == [parameter], "\(query)")
            }
        }
    }

    @Test("status reports on the bus move the referral forward, never back, and are republished for webhooks")
    func statusReports() async throws {
        try await IntakeHarness.run { client, harness in
            let court = try await harness.integrator()
            let created = try await client.call(.post, "/v1/referrals", key: court.key, json: referralBody(reference: "S-1"))
            let id = try #require(created.object["id"] as? String).lowercased()
            let referralID = try #require(ReferralID(id))
            func report(_ status: ReferralStatus, outcome: CaseOutcome? = nil, at seconds: Double) async throws {
                let message = try OutgoingMessage(ReferralStatusReported(
                    referralID: referralID, status: status, outcome: outcome, reportedAt: Date(timeIntervalSince1970: seconds)))
                try await harness.pool.withTransaction {
                    try await MessageBus.publish([message], topic: ReferralStatusReported.messageType, in: $0)
                }
            }
            /// The referral as the integrator sees it once its status is `expected`.
            func waitFor(_ expected: String) async throws -> [String: Any] {
                var referral: [String: Any] = [:]
                for _ in 0..<100 {
                    referral = try await client.call(.get, "/v1/referrals/\(id)", key: court.key).object
                    if referral["status"] as? String == expected { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                return referral
            }
            // Reports arrive one by one, as a case moves; the stale one is a redelivery.
            try await report(.accepted, at: 1_795_000_000)
            _ = try await waitFor("accepted")
            try await report(.caseOpened, at: 1_795_000_100)
            _ = try await waitFor("case_opened")
            try await report(.closed, outcome: .reconciled, at: 1_795_000_900)
            var referral = try await waitFor("closed")
            try await report(.accepted, at: 1_795_000_000)
            try await report(.programmeScheduled, at: 1_795_000_950)
            #expect(try await eventuallyDrained(harness))
            referral = try await waitFor("closed")
            #expect(referral["status"] as? String == "closed")
            #expect(referral["outcome"] as? String == "reconciled")
            let history = (referral["status_history"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
            // Late reports moved nothing and left no step.
            #expect(history == ["received", "accepted", "case_opened", "closed"])
            let changes = try await harness.pool.query("""
                SELECT payload->>'status' FROM bus.messages WHERE queue = 'observed' AND type = 'referral.status_changed.v1' ORDER BY id
                """).map { try $0.decode(String.self, at: 0) }
            // Intake publishes the `received` receipt itself, with the referral; the rest are the reports.
            #expect(changes == ["received", "accepted", "case_opened", "closed"])
            let listed = try await client.call(.get, "/v1/referrals?status=closed", key: court.key)
            #expect((listed.object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
        }
    }
}

/// Whether the `intake` queue empties within a few seconds.
private func eventuallyDrained(_ harness: IntakeHarness) async throws -> Bool {
    for _ in 0..<100 {
        if try await harness.count("SELECT count(*) FROM bus.messages WHERE queue = 'intake'") == 0 { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
}
