import Bus
import Foundation
import Logging
import Models
import Postgres
import PostgresMigrations
@testable import SchedulingService
import Testing
import TestSupport

@Suite("Cases from referrals", .freshDatabase)
struct CaseOpeningTests {
    /// A pool on the test's database with the bus and scheduling schemas, and a queue `observed`
    /// subscribed to what opening a case publishes.
    static func makePool() async throws -> PostgresPool {
        let pool = try TestDatabase.required().makePool(maxConnections: 6)
        try await MigrationRunner(pool: pool).migrate(try BusSchema.migrations())
        try await MigrationRunner(pool: pool).migrate(try SchedulingSchema.migrations())
        try await pool.withConnection { connection in
            try await MessageBus.subscribe("observed", to: [CaseOpened.messageType, ReferralStatusReported.messageType], in: connection)
        }
        return pool
    }

    static func referral(kind: ReferralKind = .agencyReferral, requested: [RequestedResponse] = [.restorativeProgramme]) -> ReferralReceived {
        ReferralReceived(
            referralID: ReferralID(UUID.v7()), integratorID: IntegratorID(UUID.v7()), organisationID: OrganisationID(UUID.v7()),
            kind: kind,
            source: ReferralSource(kind: .minorsCommission, organisationName: "КДНиЗП", reference: nil),
            nature: kind == .schoolIdentification ? .dropoutRisk : .conflict, requestedResponses: requested,
            occurredOn: LocalDate("2026-11-18")!, schoolName: nil, className: "7Б", minorCount: 2, partyCount: 4,
            senderDeadline: LocalDate("2026-12-20"), receivedAt: Date())
    }

    /// Runs the scheduling queue's worker until the queue is empty.
    static func drain(_ pool: PostgresPool) async throws {
        let worker = ReferralConsumer.worker(pool: pool, logger: Logger(label: "test.scheduling"))
        let running = Task { try await worker.run() }
        defer { running.cancel() }
        #expect(try await eventually(within: .seconds(20)) {
            try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'scheduling'") == 0
        })
    }

    @Test("a referral delivered three times opens exactly one case, announced once")
    func exactlyOnce() async throws {
        let pool = try await Self.makePool()
        defer { Task { await pool.close() } }
        let referral = Self.referral()
        let message = try OutgoingMessage(referral, correlationID: referral.referralID.uuid)
        // Redelivery: the same message published again, before and after the first is handled.
        try await pool.withTransaction { try await MessageBus.publish([message, message], topic: ReferralReceived.messageType, in: $0) }
        try await Self.drain(pool)
        try await pool.withTransaction { try await MessageBus.publish([message], topic: ReferralReceived.messageType, in: $0) }
        try await Self.drain(pool)

        #expect(try await pool.count("SELECT count(*) FROM scheduling.cases WHERE referral_id = \(referral.referralID.uuid)") == 1)
        #expect(try await pool.count("SELECT count(*) FROM scheduling.case_moves") == 1)
        #expect(try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'observed' AND type = 'case.opened.v1'") == 1)
        let row = try #require(try await pool.query("""
            SELECT kind, state, outcome IS NULL, (SELECT payload->>'status' FROM bus.messages WHERE type = 'referral.status_reported.v1'),
                   (SELECT (payload->>'case_id')::uuid = c.id FROM bus.messages WHERE type = 'referral.status_reported.v1')
            FROM scheduling.cases c
            """).single)
        #expect(try row.decode(String.self, at: 0) == "restorative")
        #expect(try row.decode(String.self, at: 1) == "new")
        #expect(try row.decode(Bool.self, at: 2))
        #expect(try row.decode(String.self, at: 3) == "case_opened")
        #expect(try row.decode(Bool.self, at: 4))
    }

    @Test("a school identification, or a request for accompaniment alone, opens an accompaniment")
    func kinds() async throws {
        let pool = try await Self.makePool()
        defer { Task { await pool.close() } }
        let school = Self.referral(kind: .schoolIdentification, requested: [.accompaniment])
        let agencyAccompaniment = Self.referral(requested: [.accompaniment])
        let mixed = Self.referral(requested: [.restorativeProgramme, .accompaniment])
        try await pool.withTransaction { connection in
            try await MessageBus.publish(try [school, agencyAccompaniment, mixed].map { try OutgoingMessage($0) }, topic: ReferralReceived.messageType, in: connection)
        }
        try await Self.drain(pool)
        for (referral, kind, state) in [(school, "accompaniment", "identified"), (agencyAccompaniment, "accompaniment", "identified"), (mixed, "restorative", "new")] {
            let row = try #require(try await pool.query("SELECT kind, state FROM scheduling.cases WHERE referral_id = \(referral.referralID.uuid)").single)
            #expect(try row.decode(String.self, at: 0) == kind)
            #expect(try row.decode(String.self, at: 1) == state)
        }
    }
}
