import Foundation

/// `plan_activity.recorded.v1`: an activity of a service's work plan was planned, re-planned
/// (its kind or period changed), cancelled or done. Published in the transaction that writes it,
/// with the activity's whole state, so monitoring counts what was planned against what was done
/// in each quarter; the latest `recorded_at` wins. It supersedes `plan_activity.completed.v1`,
/// which reported an activity only once it was done.
public struct PlanActivityRecorded: TopicContract, Hashable {
    /// `plan_activity.recorded.v1`.
    public static let messageType = "plan_activity.recorded.v1"

    /// The service whose work plan it is.
    public var organisationID: OrganisationID
    /// The work plan.
    public var planID: WorkPlanID
    /// The activity.
    public var activityID: PlanActivityID
    /// Training, event, meeting, …: the report counts by kind.
    public var kind: PlanActivityKind
    /// The first day of the period the plan sets for it.
    public var periodStart: LocalDate
    /// The last day of that period.
    public var periodEnd: LocalDate
    /// Whether it was held; a held activity changes no more.
    public var done: Bool
    /// The day it was held.
    public var doneOn: LocalDate?
    /// Whether it was called off: then it counts as planned no more.
    public var cancelled: Bool
    /// When this was recorded; the latest record wins.
    public var recordedAt: Date

    /// A `plan_activity.recorded.v1` payload.
    public init(
        organisationID: OrganisationID, planID: WorkPlanID, activityID: PlanActivityID, kind: PlanActivityKind, periodStart: LocalDate,
        periodEnd: LocalDate, done: Bool, doneOn: LocalDate?, cancelled: Bool, recordedAt: Date
    ) {
        self.organisationID = organisationID
        self.planID = planID
        self.activityID = activityID
        self.kind = kind
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.done = done
        self.doneOn = doneOn
        self.cancelled = cancelled
        self.recordedAt = recordedAt
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
        case cancelled
        case recordedAt = "recorded_at"
    }
}

extension PlanActivityRecorded {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A work-plan activity (training, event, …) was planned, moved to another period, cancelled or held: kind, period, done and its day, \
        cancelled; the latest `recorded_at` wins.
        """

    /// A payload with every field present.
    public static var example: Self {
        PlanActivityRecorded(
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            planID: WorkPlanID(UUID(uuidString: "0190f3a2-d5a7-73a9-94a0-c1d2e3f4050a")!),
            activityID: PlanActivityID(UUID(uuidString: "0190f3a2-e6b8-74ba-a5b1-d2e3f405160b")!),
            kind: .training,
            periodStart: LocalDate(year: 2026, month: 10, day: 1)!,
            periodEnd: LocalDate(year: 2026, month: 12, day: 31)!,
            done: true,
            doneOn: LocalDate(year: 2026, month: 10, day: 14)!,
            cancelled: false,
            recordedAt: Date(timeIntervalSince1970: 1_792_000_000)
        )
    }
}
