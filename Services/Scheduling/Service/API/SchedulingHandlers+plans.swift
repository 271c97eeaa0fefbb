import Foundation
import Models
import Postgres
import SchedulingAPI
import ServiceRuntime
import StaffAccess

extension SchedulingHandlers {
    func listSupportPlans(_ input: Operations.ListSupportPlans.Input) async throws -> Operations.ListSupportPlans.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let plans = try await transaction { caller, connection, _ in try await SupportPlanStore.plans(caseID: id, by: caller, in: connection) }
        return .ok(.init(body: .json(.init(items: plans.map(Components.Schemas.SupportPlan.init)))))
    }

    func createSupportPlan(_ input: Operations.CreateSupportPlan.Input) async throws -> Operations.CreateSupportPlan.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let startsOn = try Wire.date(body.startsOn, at: "/starts_on"), reviewOn = try Wire.date(body.reviewOn, at: "/review_on")
        let plan = try await transaction { caller, connection, now in
            try await SupportPlanStore.create(caseID: id, startsOn: startsOn, reviewOn: reviewOn, goals: body.goals, by: caller, in: connection, now: now)
        }
        return .created(.init(body: .json(.init(plan))))
    }

    func addIntervention(_ input: Operations.AddIntervention.Input) async throws -> Operations.AddIntervention.Output {
        let plan = SupportPlanID(try Wire.uuid(input.path.planId, at: "plan_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let startsOn = try Wire.date(body.startsOn, at: "/starts_on"), endsOn = try Wire.date(body.endsOn, at: "/ends_on")
        let responsible = try body.responsibleSpecialistId.map { SpecialistID(try Wire.uuid($0, at: "/responsible_specialist_id")) }
        let intervention = try await transaction { caller, connection, now in
            try await SupportPlanStore.addIntervention(
                planID: plan, area: Wire.term(body.area), kind: body.kind.map { Wire.term($0) }, description: body.description,
                responsibleSpecialistID: responsible, responsibleName: body.responsibleName, startsOn: startsOn, endsOn: endsOn, by: caller,
                in: connection, now: now)
        }
        return .created(.init(body: .json(.init(intervention))))
    }

    func setInterventionStatus(_ input: Operations.SetInterventionStatus.Input) async throws -> Operations.SetInterventionStatus.Output {
        let intervention = InterventionID(try Wire.uuid(input.path.interventionId, at: "intervention_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let changed = try await transaction { caller, connection, now in
            try await SupportPlanStore.setInterventionStatus(
                interventionID: intervention, status: Wire.term(body.status), by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(changed))))
    }

    func addProgressNote(_ input: Operations.AddProgressNote.Input) async throws -> Operations.AddProgressNote.Output {
        let plan = SupportPlanID(try Wire.uuid(input.path.planId, at: "plan_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let writtenOn = try Wire.date(body.writtenOn, at: "/written_on")
        let note = try await transaction { caller, connection, now in
            try await SupportPlanStore.addProgressNote(planID: plan, writtenOn: writtenOn, text: body.text, by: caller, in: connection, now: now)
        }
        return .created(.init(body: .json(.init(note))))
    }

    func completeSupportPlan(_ input: Operations.CompleteSupportPlan.Input) async throws -> Operations.CompleteSupportPlan.Output {
        let plan = SupportPlanID(try Wire.uuid(input.path.planId, at: "plan_id"))
        let completed = try await transaction { caller, connection, now in try await SupportPlanStore.complete(planID: plan, by: caller, in: connection, now: now) }
        return .ok(.init(body: .json(.init(completed))))
    }

    func listProfileRecords(_ input: Operations.ListProfileRecords.Input) async throws -> Operations.ListProfileRecords.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        let records = try await transaction { caller, connection, _ in try await StudentProfileStore.records(caseID: id, by: caller, in: connection) }
        return .ok(.init(body: .json(.init(items: records.map(Components.Schemas.ProfileRecord.init)))))
    }

    func recordProfile(_ input: Operations.RecordProfile.Input) async throws -> Operations.RecordProfile.Output {
        let id = CaseID(try Wire.uuid(input.path.caseId, at: "case_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let recordedOn = try Wire.date(body.recordedOn, at: "/recorded_on")
        let record = try await transaction { caller, connection, now in
            try await StudentProfileStore.record(
                caseID: id, recordedOn: recordedOn, attendancePercent: body.attendancePercent, behaviour: body.behaviour,
                performance: body.performance, note: body.note, by: caller, in: connection, now: now)
        }
        return .created(.init(body: .json(.init(record))))
    }

    func listWorkPlans(_ input: Operations.ListWorkPlans.Input) async throws -> Operations.ListWorkPlans.Output {
        let plans = try await transaction { caller, connection, now in
            try await WorkPlanStore.plans(year: try await currentYear(input.query.year, of: caller, in: connection, now: now), by: caller, in: connection)
        }
        return .ok(.init(body: .json(.init(items: plans.map(Components.Schemas.WorkPlan.init)))))
    }

    func createWorkPlan(_ input: Operations.CreateWorkPlan.Input) async throws -> Operations.CreateWorkPlan.Output {
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let plan = try await transaction { caller, connection, now in
            try await WorkPlanStore.create(year: body.year, title: body.title, by: caller, in: connection, now: now)
        }
        return .created(.init(body: .json(.init(plan))))
    }

    func addPlanActivity(_ input: Operations.AddPlanActivity.Input) async throws -> Operations.AddPlanActivity.Output {
        let plan = WorkPlanID(try Wire.uuid(input.path.planId, at: "plan_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let start = try Wire.date(body.periodStart, at: "/period_start"), end = try Wire.date(body.periodEnd, at: "/period_end")
        let activity = try await transaction { caller, connection, now in
            try await WorkPlanStore.addActivity(
                planID: plan, title: body.title, kind: Wire.term(body.kind), periodStart: start, periodEnd: end, responsible: body.responsible,
                expectedResult: body.expectedResult, by: caller, in: connection, now: now)
        }
        return .created(.init(body: .json(.init(activity))))
    }

    func completePlanActivity(_ input: Operations.CompletePlanActivity.Input) async throws -> Operations.CompletePlanActivity.Output {
        let activity = PlanActivityID(try Wire.uuid(input.path.activityId, at: "activity_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        guard body.done else {
            throw SchedulingRefusal.invalid(
                "/done", code: "only_done", "Only a held activity is recorded; one not held stays open.",
                "Отмечается только проведённое мероприятие; непроведённое остаётся открытым.")
        }
        let doneOn = try Wire.date(body.doneOn, at: "/done_on")
        let completed = try await transaction { caller, connection, now in
            try await WorkPlanStore.completeActivity(activityID: activity, doneOn: doneOn, note: body.note, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(completed))))
    }

    func replanPlanActivity(_ input: Operations.ReplanPlanActivity.Input) async throws -> Operations.ReplanPlanActivity.Output {
        let activity = PlanActivityID(try Wire.uuid(input.path.activityId, at: "activity_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let start = try Wire.date(body.periodStart, at: "/period_start"), end = try Wire.date(body.periodEnd, at: "/period_end")
        let moved = try await transaction { caller, connection, now in
            try await WorkPlanStore.replanActivity(activityID: activity, periodStart: start, periodEnd: end, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(moved))))
    }

    func cancelPlanActivity(_ input: Operations.CancelPlanActivity.Input) async throws -> Operations.CancelPlanActivity.Output {
        let activity = PlanActivityID(try Wire.uuid(input.path.activityId, at: "activity_id"))
        let cancelled = try await transaction { caller, connection, now in
            try await WorkPlanStore.cancelActivity(activityID: activity, by: caller, in: connection, now: now)
        }
        return .ok(.init(body: .json(.init(cancelled))))
    }

    func listMethodologicalVisits(_ input: Operations.ListMethodologicalVisits.Input) async throws -> Operations.ListMethodologicalVisits.Output {
        let visits = try await transaction { caller, connection, now in
            try await MethodologicalVisitStore.visits(
                year: try await currentYear(input.query.year, of: caller, in: connection, now: now), by: caller, in: connection)
        }
        return .ok(.init(body: .json(.init(items: visits.map(Components.Schemas.MethodologicalVisit.init)))))
    }

    func recordMethodologicalVisit(_ input: Operations.RecordMethodologicalVisit.Input) async throws -> Operations.RecordMethodologicalVisit.Output {
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let visitedOn = try Wire.date(body.visitedOn, at: "/visited_on")
        let findings = try (body.findings ?? []).enumerated().map { index, finding in
            VisitFinding.Draft(finding: finding.finding, fixBy: try Wire.date(finding.fixBy, at: "/findings/\(index)/fix_by"))
        }
        let visit = try await transaction { caller, connection, now in
            try await MethodologicalVisitStore.record(
                schoolName: body.schoolName, visitedOn: visitedOn, purpose: body.purpose, findings: findings, by: caller, in: connection, now: now)
        }
        return .created(.init(body: .json(.init(visit))))
    }

    func acknowledgeMethodologicalVisit(
        _ input: Operations.AcknowledgeMethodologicalVisit.Input
    ) async throws -> Operations.AcknowledgeMethodologicalVisit.Output {
        let visit = MethodologicalVisitID(try Wire.uuid(input.path.visitId, at: "visit_id"))
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let on = try Wire.date(body.acknowledgedOn, at: "/acknowledged_on")
        let acknowledged = try await transaction { caller, connection, _ in
            try await MethodologicalVisitStore.acknowledge(visitID: visit, acknowledgedBy: body.acknowledgedBy, acknowledgedOn: on, by: caller, in: connection)
        }
        return .ok(.init(body: .json(.init(acknowledged))))
    }

    /// `year`, or the current year where the caller's organisation is.
    ///
    /// - Throws: ``SchedulingRefusal`` `out_of_range` at `year` outside 2000–2100, as the
    ///   document bounds it (a year beyond PostgreSQL's `smallint` or `date` would otherwise fail
    ///   in the query).
    func currentYear(_ year: Int?, of caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> Int {
        if let year {
            guard (2000...2100).contains(year) else {
                throw SchedulingRefusal.invalid("year", code: "out_of_range", "Must be from 2000 to 2100.", "Должно быть от 2000 до 2100.")
            }
            return year
        }
        return LocalDate(containing: now, in: try await OrganisationCalendar.timeZone(of: caller.organisationID, in: connection)).year
    }
}
