import Bus
import Foundation
import Models
import Postgres
import StaffAccess

/// The interventions of a support plan: distributed among the team and outside services with
/// their dates (seed 003, step 5), then reported on as they go (steps 6–7).
extension SupportPlanStore {
    /// Adds an intervention to the caller's active plan.
    ///
    /// - Parameters:
    ///   - kind: The catalogue's intervention; it must be one of `area`'s.
    ///   - description: The intervention in the team's words; required without a `kind`.
    ///   - responsibleSpecialistID: An active specialist of the caller's organisation, or
    ///   - responsibleName: someone outside it; exactly one of the two.
    /// - Throws: ``SchedulingRefusal``: `kind_not_in_area`, `required` (neither kind nor
    ///   description), `one_responsible`, `unknown_specialist`, `before_start`, `length`/`too_long`;
    ///   no such plan, a completed plan or a closed case.
    static func addIntervention(
        planID: SupportPlanID, area: InterventionArea, kind: InterventionKind?, description: String?,
        responsibleSpecialistID: SpecialistID?, responsibleName: String?, startsOn: LocalDate, endsOn: LocalDate,
        by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> Intervention {
        let description = try description.optionalText(at: "/description", max: 2000, multiline: true)
        let responsibleName = try responsibleName.optionalText(at: "/responsible_name", max: 200)
        if let kind, kind.area != area {
            throw SchedulingRefusal.invalid(
                "/kind", code: "kind_not_in_area", "«\(kind.localizedNames.en)» is not an intervention on \(area.localizedNames.en.lowercased()).",
                "«\(kind.localizedNames.ru)» не относится к вмешательствам направления «\(area.localizedNames.ru)».")
        }
        guard kind != nil || description != nil else {
            throw SchedulingRefusal.invalid(
                "/description", code: "required", "Give a kind from the catalogue or describe the intervention.",
                "Выберите вид вмешательства из перечня или опишите его.")
        }
        guard (responsibleSpecialistID == nil) != (responsibleName == nil) else {
            throw SchedulingRefusal.invalid(
                "/responsible_specialist_id", code: "one_responsible",
                "Give either a specialist of your organisation or the name of someone outside it, not both.",
                "Укажите либо специалиста вашей организации, либо ответственного вне её, но не обоих.")
        }
        try endsOn.require(notBefore: startsOn, at: "/ends_on", code: "before_start", "starts_on", "starts_on")
        let caseID = try await lockActive(planID, for: caller, in: connection)
        if let responsibleSpecialistID {
            let active = try await connection.query("""
                SELECT 1 FROM scheduling.specialists
                WHERE id = \(responsibleSpecialistID.uuid) AND organisation_id = \(caller.organisationID.uuid) AND active
                """).single
            guard active != nil else {
                throw SchedulingRefusal.invalid(
                    "/responsible_specialist_id", code: "unknown_specialist", "Must be an active specialist of your organisation.",
                    "Должен быть действующим специалистом вашей организации.")
            }
        }
        let id = InterventionID(UUID.v7(at: now))
        let row = try await connection.query("""
            INSERT INTO scheduling.interventions AS i (id, plan_id, area, kind, description, responsible_specialist_id, responsible_name,
                                                       starts_on, ends_on, updated_at)
            VALUES (\(id.uuid), \(planID.uuid), \(area.rawValue), \(kind?.rawValue), \(description), \(responsibleSpecialistID?.uuid),
                    \(responsibleName), \(startsOn.description)::date, \(endsOn.description)::date, \(now))
            RETURNING \(unescaped: Intervention.columns)
            """).single.unwrapped("inserted intervention")
        try await AuditTrail.record("intervention.create", by: caller, caseID: caseID, entity: "intervention", entityID: id.uuid, in: connection)
        let intervention = try Intervention(row: row)
        try await announce(intervention, caseID: caseID, by: caller, in: connection, now: now)
        return intervention
    }

    /// Reports how far an intervention of the caller's active plan has got.
    ///
    /// - Throws: ``SchedulingRefusal``: `illegal_status_change` (done and cancelled are final, and
    ///   nothing goes back to planned); no such intervention, a completed plan or a closed case.
    static func setInterventionStatus(
        interventionID: InterventionID, status: InterventionStatus, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> Intervention {
        let row = try await connection.query("""
            SELECT i.plan_id, i.status FROM scheduling.interventions i
            JOIN scheduling.support_plans p ON p.id = i.plan_id JOIN scheduling.cases c ON c.id = p.case_id
            WHERE i.id = \(interventionID.uuid) AND c.organisation_id = \(caller.organisationID.uuid)
            FOR UPDATE OF i
            """).single
        guard let row else { throw SchedulingRefusal.notFound("intervention", "вмешательство") }
        let current = try InterventionStatus(rawValue: row.decode(String.self, at: 1)).unwrapped("intervention status")
        let caseID = try await lockActive(SupportPlanID(try row.decode(UUID.self, at: 0)), for: caller, in: connection)
        guard current.nextStatuses.contains(status) else {
            throw SchedulingRefusal(
                .conflict, code: "illegal_status_change",
                message: "An intervention «\(current.localizedNames.en)» cannot become «\(status.localizedNames.en)».",
                messageRu: "Вмешательство со статусом «\(current.localizedNames.ru)» нельзя перевести в статус «\(status.localizedNames.ru)».")
        }
        let updated = try await connection.query("""
            UPDATE scheduling.interventions AS i SET status = \(status.rawValue), updated_at = \(now) WHERE i.id = \(interventionID.uuid)
            RETURNING \(unescaped: Intervention.columns)
            """).single.unwrapped("updated intervention")
        try await AuditTrail.record(
            "intervention.set_status", by: caller, caseID: caseID, entity: "intervention", entityID: interventionID.uuid, in: connection)
        let intervention = try Intervention(row: updated)
        try await announce(intervention, caseID: caseID, by: caller, in: connection, now: now)
        return intervention
    }

    /// Publishes `intervention.recorded.v1` for monitoring, in the transaction of the change:
    /// the catalogue's terms and the dates, never the team's description or the responsible person.
    private static func announce(
        _ intervention: Intervention, caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws {
        let event = InterventionRecorded(
            interventionID: intervention.id, caseID: caseID, organisationID: caller.organisationID, area: intervention.area,
            kind: intervention.kind, startsOn: intervention.startsOn, endsOn: intervention.endsOn, status: intervention.status, recordedAt: now)
        try await MessageBus.publish([try OutgoingMessage(event, correlationID: caseID.uuid)], topic: InterventionRecorded.messageType, in: connection)
    }
}
