import Foundation

/// `student_profile.recorded.v1`: staff recorded how a child in accompaniment stands on one day
/// (seed 003's «Профиль ученика»: attendance, behaviour, performance). Published in the same
/// transaction that stores the record, so monitoring can show each case's change between its
/// first and latest records.
///
/// Only the three measures travel: the record's note, the child's name and everything else of
/// the profile stay in scheduling.
public struct StudentProfileRecorded: TopicContract, Hashable {
    /// `student_profile.recorded.v1`.
    public static let messageType = "student_profile.recorded.v1"

    /// The accompaniment case the record belongs to.
    public var caseID: CaseID
    /// The organisation working the case.
    public var organisationID: OrganisationID
    /// The day the measures describe.
    public var recordedOn: LocalDate
    /// Share of lessons attended, 0–100, to two decimals.
    public var attendancePercent: Double
    /// Behaviour on the school's scale of 1 (worst) to 5 (best).
    public var behaviour: Int
    /// Performance on the school's scale of 1 (worst) to 5 (best).
    public var performance: Int
    /// When the record was stored.
    public var recordedAt: Date

    /// A `student_profile.recorded.v1` payload.
    public init(
        caseID: CaseID, organisationID: OrganisationID, recordedOn: LocalDate, attendancePercent: Double, behaviour: Int,
        performance: Int, recordedAt: Date
    ) {
        self.caseID = caseID
        self.organisationID = organisationID
        self.recordedOn = recordedOn
        self.attendancePercent = attendancePercent
        self.behaviour = behaviour
        self.performance = performance
        self.recordedAt = recordedAt
    }

    /// Wire names are fixed here, so that renaming a property cannot change the contract.
    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case organisationID = "organisation_id"
        case recordedOn = "recorded_on"
        case attendancePercent = "attendance_percent"
        case behaviour
        case performance
        case recordedAt = "recorded_at"
    }
}

extension StudentProfileRecorded {
    /// What `docs/bus.md` says of it.
    public static let summary = "Attendance %, behaviour 1–5 and performance 1–5 of an accompanied pupil on a day (no notes)."

    /// A payload with every field present.
    public static var example: Self {
        StudentProfileRecorded(
            caseID: CaseID(UUID(uuidString: "0190f3a2-6e30-7c32-ad4f-5a6b7c8d9e03")!),
            organisationID: OrganisationID(UUID(uuidString: "0190f3a2-4c1e-7a10-8b2d-3e4f5a6b7c01")!),
            recordedOn: LocalDate(year: 2026, month: 10, day: 9)!,
            attendancePercent: 87.5,
            behaviour: 3,
            performance: 4,
            recordedAt: Date(timeIntervalSince1970: 1_791_600_000)
        )
    }
}
