import Foundation

/// `intervention.recorded.v1`: a support plan's intervention was added or its status changed
/// (seed 003, steps 5–7). Published in the transaction that writes it, so monitoring can set a
/// pupil's attendance, behaviour and performance against what was done and when.
///
/// Only the catalogue's terms and dates travel: the team's description and the responsible
/// person stay in scheduling.
public struct InterventionRecorded: TopicContract, Hashable {
    /// `intervention.recorded.v1`.
    public static let messageType = "intervention.recorded.v1"
    /// The intervention.
    public var interventionID: InterventionID
    /// Its case.
    public var caseID: CaseID
    /// The case's organisation.
    public var organisationID: OrganisationID
    /// What it works on: attendance, behaviour or performance.
    public var area: InterventionArea
    /// The catalogue's intervention, if one was chosen.
    public var kind: InterventionKind?
    /// Its first day.
    public var startsOn: LocalDate
    /// Its last day.
    public var endsOn: LocalDate
    /// Planned, in progress, done or cancelled.
    public var status: InterventionStatus
    /// When this was recorded; the latest record wins.
    public var recordedAt: Date

    /// An `intervention.recorded.v1` payload.
    public init(
        interventionID: InterventionID, caseID: CaseID, organisationID: OrganisationID, area: InterventionArea, kind: InterventionKind?,
        startsOn: LocalDate, endsOn: LocalDate, status: InterventionStatus, recordedAt: Date
    ) {
        self.interventionID = interventionID
        self.caseID = caseID
        self.organisationID = organisationID
        self.area = area
        self.kind = kind
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.recordedAt = recordedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case interventionID = "intervention_id"
        case caseID = "case_id"
        case organisationID = "organisation_id"
        case area
        case kind
        case startsOn = "starts_on"
        case endsOn = "ends_on"
        case status
        case recordedAt = "recorded_at"
    }
}

extension InterventionRecorded {
    /// What `docs/bus.md` says of it.
    public static let summary = """
        A support plan's intervention was added or changed status: area, catalogue kind, dates, status (never the team's description or who is \
        responsible).
        """

    /// A payload with every field present.
    public static var example: Self {
        InterventionRecorded(
            interventionID: InterventionID(UUID(uuidString: "0190f3a2-c496-7298-839f-b0c1d2e3f409")!),
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            area: .attendance,
            kind: .absenceMonitoring,
            startsOn: LocalDate(year: 2026, month: 10, day: 5)!,
            endsOn: LocalDate(year: 2026, month: 12, day: 25)!,
            status: .inProgress,
            recordedAt: Date(timeIntervalSince1970: 1_791_200_000)
        )
    }
}
