import Bus
import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

/// What the support plan, student profile, work plan and visit suites share: a migrated pool
/// whose `observed` queue also hears the plan events, cases opened the way production opens
/// them (from referrals), staff callers, and the refusal a call ends in.
enum PlanFixtures {
    /// ``CaseOpeningTests/makePool()``, with `observed` subscribed to the events plans publish too.
    static func makePool() async throws -> PostgresPool {
        let pool = try await CaseOpeningTests.makePool()
        try await pool.withConnection { connection in
            try await MessageBus.subscribe(
                "observed", to: [StudentProfileRecorded.messageType, PlanActivityRecorded.messageType, InterventionRecorded.messageType],
                in: connection)
        }
        return pool
    }

    /// Opens one case per referral, through the scheduling queue as in production; an
    /// accompaniment for `true`, a restorative case for `false`. Each is in an organisation of its own.
    static func openCases(accompaniment kinds: [Bool], in pool: PostgresPool) async throws -> [(id: CaseID, organisation: OrganisationID)] {
        let referrals = kinds.map { accompaniment in
            accompaniment
                ? CaseOpeningTests.referral(kind: .schoolIdentification, requested: [.accompaniment]) : CaseOpeningTests.referral()
        }
        try await pool.withTransaction { connection in
            // Each organisation's one specialist (the id it shares with its organisation), so that
            // every case is proposed to the specialist `StaffCaller.specialist(of:)` speaks for.
            try await connection.query("""
                INSERT INTO scheduling.specialists (id, organisation_id, display_name, roles)
                SELECT o, o, 'Куратор', '{curator,mediator}' FROM unnest(\(referrals.map(\.organisationID.uuid))::uuid[]) AS o
                """)
            try await MessageBus.publish(try referrals.map { try OutgoingMessage($0) }, topic: ReferralReceived.messageType, in: connection)
        }
        try await CaseOpeningTests.drain(pool)
        var cases: [(id: CaseID, organisation: OrganisationID)] = []
        for referral in referrals {
            let row = try #require(try await pool.query("SELECT id FROM scheduling.cases WHERE referral_id = \(referral.referralID.uuid)").single)
            cases.append((CaseID(try row.decode(UUID.self, at: 0)), referral.organisationID))
        }
        return cases
    }

    /// Closes a case as a party's refusal would, behind the stores' backs: no store closes cases here.
    static func close(_ caseID: CaseID, in pool: PostgresPool) async throws {
        try await pool.query("UPDATE scheduling.cases SET state = 'closed', outcome = 'refused' WHERE id = \(caseID.uuid)")
    }

    /// How many audit records of `action` name `caseID` (or, without one, `organisation`).
    static func audited(_ action: String, case caseID: CaseID? = nil, organisation: OrganisationID, in pool: PostgresPool) async throws -> Int {
        try await pool.count("""
            SELECT count(*) FROM scheduling.audit_log
            WHERE action = \(action) AND organisation_id = \(organisation.uuid)
              AND (\(caseID?.uuid)::uuid IS NULL OR case_id = \(caseID?.uuid)) AND actor LIKE 'staff:%'
            """)
    }

    /// Expects `body` to be refused as `expected` says: the kind, the code and, for an invalid
    /// field, its pointer, as in `invalid before_start /review_on` or `conflict case_closed`.
    static func expectRefusal(
        _ expected: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("expected «\(expected)», the call succeeded", sourceLocation: sourceLocation)
        } catch let refusal as SchedulingRefusal {
            let actual = ["\(refusal.kind)", refusal.code, refusal.pointer].compactMap(\.self).joined(separator: " ")
            #expect(actual == expected, sourceLocation: sourceLocation)
            #expect(!refusal.message.isEmpty && !refusal.messageRu.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected «\(expected)», got \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The day an ISO 8601 `YYYY-MM-DD` literal names.
    static func day(_ iso: String) -> LocalDate {
        LocalDate(iso)!
    }

    /// Ends a transaction a test wants rolled back.
    struct Rollback: Error {}
}

extension StaffCaller {
    /// The head of `organisation`.
    static func head(of organisation: OrganisationID) -> StaffCaller {
        StaffCaller(organisationID: organisation, role: .head, subject: "head-\(organisation.uuid.uuidString.prefix(8))")
    }

    /// The specialist of `organisation` its cases are proposed to.
    static func specialist(of organisation: OrganisationID) -> StaffCaller {
        StaffCaller(
            organisationID: organisation, role: .specialist, subject: "specialist-\(organisation.uuid.uuidString.prefix(8))",
            specialistID: SpecialistID(organisation.uuid))
    }
}
