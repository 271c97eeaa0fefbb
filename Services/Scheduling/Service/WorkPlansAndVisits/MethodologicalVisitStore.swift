import Foundation
import Models
import Postgres
import StaffAccess

/// Instructive-methodological visits (seed 004) of the caller's centre to schools and their
/// analytic cards: the head records a visit with its findings and deadlines; the school's
/// signature on the card and its reports of fixes are recorded as they come back. Every write is
/// audited.
enum MethodologicalVisitStore {
    /// Records a visit and its analytic card.
    ///
    /// - Throws: ``SchedulingRefusal``: `forbidden` for a specialist; `length` texts; `count` over
    ///   100 findings; `before_visit` when a finding's deadline is before the visit.
    static func record(
        schoolName: String, visitedOn: LocalDate, purpose: String, findings: [VisitFinding.Draft], by caller: StaffCaller,
        in connection: PostgresConnection, now: Date
    ) async throws -> MethodologicalVisit {
        try caller.require(.head, for: "manage methodological visits")
        let schoolName = try schoolName.requiredText(at: "/school_name", max: 300)
        let purpose = try purpose.requiredText(at: "/purpose", max: 2000, multiline: true)
        guard findings.count <= 100 else {
            throw SchedulingRefusal.invalid("/findings", code: "count", "Give at most 100 findings.", "Укажите не более 100 недостатков.")
        }
        var texts: [String] = []
        for (index, draft) in findings.enumerated() {
            texts.append(try draft.finding.requiredText(at: "/findings/\(index)/finding", max: 2000, multiline: true))
            try draft.fixBy.require(notBefore: visitedOn, at: "/findings/\(index)/fix_by", code: "before_visit", "the visit", "дня выхода")
        }
        let id = MethodologicalVisitID(UUID.v7(at: now))
        let findingIDs = findings.map { _ in UUID.v7(at: now) }
        try await connection.query("""
            WITH visit AS (
                INSERT INTO scheduling.methodological_visits (id, organisation_id, school_name, visited_on, purpose, created_at, recorded_by)
                VALUES (\(id.uuid), \(caller.organisationID.uuid), \(schoolName), \(visitedOn.description)::date, \(purpose), \(now), \(caller.subject))
                RETURNING id
            )
            INSERT INTO scheduling.visit_findings (id, visit_id, position, finding, fix_by)
            SELECT f.id, (SELECT id FROM visit), f.position, f.finding, f.fix_by::date
            FROM unnest(\(findingIDs)::uuid[], \(texts)::text[], \(findings.map(\.fixBy.description))::text[]) WITH ORDINALITY
                 AS f (id, finding, fix_by, position)
            """)
        try await AuditTrail.record("methodological_visit.create", by: caller, entity: "methodological_visit", entityID: id.uuid, in: connection)
        return try await load(organisationID: caller.organisationID, visitID: id, in: connection)[0]
    }

    /// The caller's organisation's visits made in `year`, by day, with their findings.
    static func visits(year: Int, by caller: StaffCaller, in connection: PostgresConnection) async throws -> [MethodologicalVisit] {
        try await load(organisationID: caller.organisationID, year: year, in: connection)
    }

    /// Records that the school acknowledged the visit's analytic card: who signed and the date by
    /// the signature. A card is signed once.
    ///
    /// - Throws: ``SchedulingRefusal``: no such visit; `already_acknowledged`; `length` name;
    ///   `before_visit` date.
    static func acknowledge(
        visitID: MethodologicalVisitID, acknowledgedBy: String, acknowledgedOn: LocalDate, by caller: StaffCaller,
        in connection: PostgresConnection
    ) async throws -> MethodologicalVisit {
        let acknowledgedBy = try acknowledgedBy.requiredText(at: "/acknowledged_by", max: 200)
        let visit = try await lock(visitID, for: caller, in: connection)
        guard visit.acknowledgedOn == nil else {
            throw SchedulingRefusal(
                .conflict, code: "already_acknowledged", message: "The analytic card of this visit has already been acknowledged.",
                messageRu: "С аналитической картой этого выхода уже ознакомились.")
        }
        try acknowledgedOn.require(notBefore: visit.visitedOn, at: "/acknowledged_on", code: "before_visit", "the visit", "дня выхода")
        try await connection.query("""
            UPDATE scheduling.methodological_visits SET acknowledged_by = \(acknowledgedBy), acknowledged_on = \(acknowledgedOn.description)::date
            WHERE id = \(visitID.uuid)
            """)
        try await AuditTrail.record(
            "methodological_visit.acknowledge", by: caller, entity: "methodological_visit", entityID: visitID.uuid, in: connection)
        return try await load(organisationID: caller.organisationID, visitID: visitID, in: connection)[0]
    }

    /// Records that the school fixed a finding of the caller's organisation's visit on `fixedOn`,
    /// as it reported back (seed 004: «информация о выполнении рекомендаций»).
    ///
    /// - Throws: ``SchedulingRefusal``: no such finding; `already_fixed`; `before_visit` date.
    static func recordFix(
        findingID: VisitFindingID, fixedOn: LocalDate, by caller: StaffCaller, in connection: PostgresConnection
    ) async throws -> VisitFinding {
        let row = try await connection.query("""
            SELECT v.visited_on::text, f.fixed_on IS NOT NULL
            FROM scheduling.visit_findings f JOIN scheduling.methodological_visits v ON v.id = f.visit_id
            WHERE f.id = \(findingID.uuid) AND v.organisation_id = \(caller.organisationID.uuid)
            FOR UPDATE OF f
            """).single
        guard let row else { throw SchedulingRefusal.notFound("visit finding", "недостаток по итогам выхода") }
        guard try !row.decode(Bool.self, at: 1) else {
            throw SchedulingRefusal(
                .conflict, code: "already_fixed", message: "This finding is already recorded as fixed.",
                messageRu: "Устранение этого недостатка уже отмечено.")
        }
        try fixedOn.require(notBefore: try row.localDate(at: 0), at: "/fixed_on", code: "before_visit", "the visit", "дня выхода")
        let fixed = try await connection.query("""
            UPDATE scheduling.visit_findings AS f SET fixed_on = \(fixedOn.description)::date WHERE f.id = \(findingID.uuid)
            RETURNING \(unescaped: VisitFinding.columns)
            """).single.unwrapped("fixed visit finding")
        try await AuditTrail.record("visit_finding.fix", by: caller, entity: "visit_finding", entityID: findingID.uuid, in: connection)
        return try VisitFinding(row: fixed)
    }

    /// The caller's visit `visitID`, locked for the rest of the transaction.
    private static func lock(
        _ visitID: MethodologicalVisitID, for caller: StaffCaller, in connection: PostgresConnection
    ) async throws -> MethodologicalVisit {
        let row = try await connection.query("""
            SELECT \(unescaped: MethodologicalVisit.columns) FROM scheduling.methodological_visits v
            WHERE v.id = \(visitID.uuid) AND v.organisation_id = \(caller.organisationID.uuid)
            FOR UPDATE
            """).single
        guard let row else { throw SchedulingRefusal.notFound("methodological visit", "инструктивно-методический выход") }
        return try MethodologicalVisit(row: row, findings: [])
    }

    /// The visits of `organisationID` made in `year` or, without a year, its visit `visitID`, by
    /// day, with their findings in the card's order.
    private static func load(
        organisationID: OrganisationID, year: Int? = nil, visitID: MethodologicalVisitID? = nil, in connection: PostgresConnection
    ) async throws -> [MethodologicalVisit] {
        let findings = try await connection.query("""
            SELECT \(unescaped: VisitFinding.columns), f.visit_id
            FROM scheduling.visit_findings f JOIN scheduling.methodological_visits v ON v.id = f.visit_id
            WHERE v.organisation_id = \(organisationID.uuid)
              AND (\(year)::int IS NULL OR extract(year FROM v.visited_on) = \(year)) AND (\(visitID?.uuid)::uuid IS NULL OR v.id = \(visitID?.uuid))
            ORDER BY f.position
            """).map { row in (try row.decode(UUID.self, named: "visit_id"), try VisitFinding(row: row)) }
        return try await connection.query("""
            SELECT \(unescaped: MethodologicalVisit.columns) FROM scheduling.methodological_visits v
            WHERE v.organisation_id = \(organisationID.uuid)
              AND (\(year)::int IS NULL OR extract(year FROM v.visited_on) = \(year)) AND (\(visitID?.uuid)::uuid IS NULL OR v.id = \(visitID?.uuid))
            ORDER BY v.visited_on, v.id
            """).map { row in
            let id = try row.decode(UUID.self, at: 0)
            return try MethodologicalVisit(row: row, findings: findings.filter { $0.0 == id }.map(\.1))
        }
    }
}
