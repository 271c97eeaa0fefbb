import Foundation

/// `plan_activity.completed.v1`: an activity of a service's work plan was marked done, once per
/// activity. No longer published: ``PlanActivityRecorded`` reports every change of an activity,
/// its planning included. Monitoring still projects those already on its queue (or redriven from
/// dead letters) after an upgrade, so none done before it is lost.
public struct PlanActivityCompleted: TopicContract, Hashable {
    /// `plan_activity.completed.v1`.
    public static let messageType = "plan_activity.completed.v1"

    /// The service whose work plan it is.
    public var organisationID: OrganisationID
    /// The work plan.
    public var planID: WorkPlanID
    /// The activity.
    public var activityID: PlanActivityID
    /// Training, event, meeting, …: the report counts some kinds separately.
    public var kind: PlanActivityKind
    /// The first day of the period the plan set for it.
    public var periodStart: LocalDate
    /// The last day of that period.
    public var periodEnd: LocalDate
    /// Whether the activity is done: the state monitoring's projection of the activity takes.
    public var done: Bool
    /// The day it was done.
    public var doneOn: LocalDate?

    /// A `plan_activity.completed.v1` payload.
    public init(
        organisationID: OrganisationID, planID: WorkPlanID, activityID: PlanActivityID, kind: PlanActivityKind,
        periodStart: LocalDate, periodEnd: LocalDate, done: Bool, doneOn: LocalDate?
    ) {
        self.organisationID = organisationID
        self.planID = planID
        self.activityID = activityID
        self.kind = kind
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.done = done
        self.doneOn = doneOn
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case organisationID = "organisation_id"
        case planID = "plan_id"
        case activityID = "activity_id"
        case kind
        case periodStart = "period_start"
        case periodEnd = "period_end"
        case done
        case doneOn = "done_on"
    }
}

extension PlanActivityCompleted {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A work-plan activity was held; no longer published, still projected so that any left on the queue at an upgrade count.
        """

    /// A payload with every field present.
    public static var example: Self {
        PlanActivityCompleted(
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            planID: WorkPlanID(UUID(uuidString: "0190f3a2-d5a7-73a9-94a0-c1d2e3f4050a")!),
            activityID: PlanActivityID(UUID(uuidString: "0190f3a2-e6b8-74ba-a5b1-d2e3f405160b")!),
            kind: .training,
            periodStart: LocalDate(year: 2026, month: 10, day: 1)!,
            periodEnd: LocalDate(year: 2026, month: 12, day: 31)!,
            done: true,
            doneOn: LocalDate(year: 2026, month: 10, day: 14)!
        )
    }
}
