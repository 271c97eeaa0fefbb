import Foundation

/// `plan_activity.completed.v1`: an activity of a service's work plan was marked done, once per
/// activity. No longer published: ``PlanActivityRecorded`` reports every change of an activity,
/// its planning included. Monitoring still projects those already on its queue (or redriven from
/// dead letters) after an upgrade, so none done before it is lost.
public struct PlanActivityCompleted: MessageContract, Hashable {
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
