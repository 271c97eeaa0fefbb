import Foundation
import Models

/// A small history of one school service (Asia/Yekaterinburg, UTC+5) and its municipal
/// service whose 2026-Q3 figures are worked out by hand in ``expected``.
///
/// It has an event on each side of the quarter's edges in local time: a referral received at
/// 01:00 on 1 July there (20:00 UTC on 30 June) counts; one at 00:30 on 1 October (19:30 UTC on
/// 30 September) does not.
struct KnownHistory {
    let school: UUID
    let municipality: UUID

    private var schoolID: OrganisationID { OrganisationID(school) }

    // Referrals and cases, by their role in the story.
    let courtReferral = ReferralID(UUID.v7()), policeReferral = ReferralID(UUID.v7()), octoberReferral = ReferralID(UUID.v7())
    let aprilReferral = ReferralID(UUID.v7()), schoolReferral = ReferralID(UUID.v7()), commissionReferral = ReferralID(UUID.v7())
    let reconciledCase = CaseID(UUID.v7()), refusedCase = CaseID(UUID.v7()), accompaniedCase = CaseID(UUID.v7()), newAccompaniment = CaseID(UUID.v7())
    let agreement = AgreementID(UUID.v7())
    let homeVisit = InterventionID(UUID.v7())

    /// Every event, in the order the producers would publish them; the same ids each time it is read.
    private(set) var events: [any MessageContract] = []

    init(school: UUID, municipality: UUID) {
        self.school = school
        self.municipality = municipality
        events = makeEvents()
    }

    private func makeEvents() -> [any MessageContract] {
        [
            // Two of the court's minors and the school's pupil were referred before; the police's
            // referral comes from a publisher that does not count repeats.
            referral(courtReferral, .court, .conflict, .agencyReferral, at("2026-07-10T05:00:00Z"), minors: 3, repeated: 2),
            referral(policeReferral, .police, .offence, .agencyReferral, at("2026-06-30T20:00:00Z"), repeated: nil),
            referral(octoberReferral, .school, .dropoutRisk, .schoolIdentification, at("2026-09-30T19:30:00Z"), repeated: 1),
            referral(aprilReferral, .school, .atRiskStatus, .schoolIdentification, at("2026-04-10T05:00:00Z"), repeated: 1),
            referral(schoolReferral, .school, .atRiskStatus, .schoolIdentification, at("2026-07-31T05:00:00Z"), repeated: 1),
            referral(commissionReferral, .minorsCommission, .conflict, .agencyReferral, at("2026-08-03T05:00:00Z"), organisation: municipality),
            opened(reconciledCase, courtReferral, .restorative, .conflict, received: at("2026-07-10T05:00:00Z"), at: at("2026-07-11T05:00:00Z")),
            opened(refusedCase, policeReferral, .restorative, .offence, received: at("2026-06-30T20:00:00Z"), at: at("2026-07-01T05:00:00Z")),
            opened(accompaniedCase, aprilReferral, .accompaniment, .atRiskStatus, received: at("2026-04-10T05:00:00Z"), at: at("2026-04-11T05:00:00Z")),
            opened(newAccompaniment, schoolReferral, .accompaniment, .atRiskStatus, received: at("2026-07-31T05:00:00Z"), at: at("2026-08-01T05:00:00Z")),
            ProgrammeStarted(programmeID: ProgrammeID(UUID.v7()), caseID: reconciledCase, organisationID: schoolID, kind: .mediation, startedAt: at("2026-07-12T04:00:00Z")),
            // First contact with the court's referral: 48 h after it was received.
            MeetingHeld(meetingID: MeetingID(UUID.v7()), caseID: reconciledCase, organisationID: schoolID, kind: .preliminary, programmeKind: .mediation,
                startsAt: at("2026-07-12T05:00:00Z"), minorCount: 1, adultCount: 1, specialistCount: 1, peerMediatorCount: 0),
            MeetingHeld(meetingID: MeetingID(UUID.v7()), caseID: reconciledCase, organisationID: schoolID, kind: .main, programmeKind: .mediation,
                startsAt: at("2026-07-20T05:00:00Z"), minorCount: 2, adultCount: 2, specialistCount: 2, peerMediatorCount: 1),
            AgreementRecorded(agreementID: agreement, caseID: reconciledCase, organisationID: schoolID, reachedOn: day("2026-07-20"),
                termCount: 3, fulfilledCount: 0, brokenCount: 0, recordedAt: at("2026-07-20T06:00:00Z")),
            AgreementRecorded(agreementID: agreement, caseID: reconciledCase, organisationID: schoolID, reachedOn: day("2026-07-20"),
                termCount: 3, fulfilledCount: 3, brokenCount: 0, recordedAt: at("2026-08-19T06:00:00Z")),
            closed(reconciledCase, courtReferral, .restorative, .conflict, .agreementFulfilled, nil, .mediation, minors: 2, adults: 2,
                received: at("2026-07-10T05:00:00Z"), firstContact: at("2026-07-12T05:00:00Z"), at: at("2026-08-20T05:00:00Z")),
            // First contact with the police's referral: 48 h after it was received; then a refusal.
            closed(refusedCase, policeReferral, .restorative, .offence, .refused, .partyDeclined, nil, minors: 1, adults: 1,
                received: at("2026-06-30T20:00:00Z"), firstContact: at("2026-07-02T20:00:00Z"), at: at("2026-08-01T05:00:00Z")),
            StudentProfileRecorded(caseID: accompaniedCase, organisationID: schoolID, recordedOn: day("2026-04-20"), attendancePercent: 70,
                behaviour: 2, performance: 3, recordedAt: at("2026-04-20T05:00:00Z")),
            StudentProfileRecorded(caseID: accompaniedCase, organisationID: schoolID, recordedOn: day("2026-09-05"), attendancePercent: 90,
                behaviour: 4, performance: 4, recordedAt: at("2026-09-05T05:00:00Z")),
            // A home visit planned, then done: the later record wins.
            InterventionRecorded(interventionID: homeVisit, caseID: accompaniedCase, organisationID: schoolID, area: .attendance, kind: .homeVisit,
                startsOn: day("2026-05-01"), endsOn: day("2026-06-30"), status: .planned, recordedAt: at("2026-04-21T05:00:00Z")),
            InterventionRecorded(interventionID: homeVisit, caseID: accompaniedCase, organisationID: schoolID, area: .attendance, kind: .homeVisit,
                startsOn: day("2026-05-01"), endsOn: day("2026-06-30"), status: .done, recordedAt: at("2026-07-01T05:00:00Z")),
            closed(accompaniedCase, aprilReferral, .accompaniment, .atRiskStatus, .goalsAchieved, nil, nil, minors: 1, adults: 1,
                received: at("2026-04-10T05:00:00Z"), firstContact: at("2026-04-12T05:00:00Z"), at: at("2026-09-10T05:00:00Z")),
            // The case conference continued the April accompaniment under a new support plan in
            // August (and once in June, the second quarter); a mere step of the new one is no continuation.
            moved(accompaniedCase, .accompaniment, from: "evaluated", to: "support_plan", at: at("2026-06-20T05:00:00Z")),
            moved(accompaniedCase, .accompaniment, from: "evaluated", to: "support_plan", at: at("2026-08-15T05:00:00Z")),
            moved(newAccompaniment, .accompaniment, from: "identified", to: "information_gathered", at: at("2026-08-02T05:00:00Z")),
            // The new accompaniment's first contact was due on 4 August; a sender's date due at
            // 00:30 on 1 October local time is the next quarter's.
            CaseOverdue(caseID: newAccompaniment, referralID: schoolReferral, organisationID: schoolID, deadline: .firstContact,
                dueAt: at("2026-08-04T05:00:00Z"), specialistID: nil, detectedAt: at("2026-08-04T05:05:00Z")),
            CaseOverdue(caseID: newAccompaniment, referralID: schoolReferral, organisationID: schoolID, deadline: .senderDeadline,
                dueAt: at("2026-09-30T19:30:00Z"), specialistID: nil, detectedAt: at("2026-09-30T19:35:00Z")),
            // Planned: July's training (done, reported by the older `plan_activity.completed.v1`), an
            // event in September; an event planned for September and cancelled; a training planned
            // for October and moved to September; one planned for October.
            activity(trainingActivity, .training, from: "2026-07-01", to: "2026-07-31", at: at("2026-06-01T05:00:00Z")),
            activity(PlanActivityID(UUID.v7()), .event, from: "2026-09-01", to: "2026-09-30", at: at("2026-06-01T05:00:00Z")),
            activity(cancelledEvent, .event, from: "2026-09-01", to: "2026-09-30", at: at("2026-06-01T05:00:00Z")),
            activity(cancelledEvent, .event, from: "2026-09-01", to: "2026-09-30", cancelled: true, at: at("2026-08-01T05:00:00Z")),
            activity(movedTraining, .training, from: "2026-10-01", to: "2026-10-31", at: at("2026-06-01T05:00:00Z")),
            activity(movedTraining, .training, from: "2026-09-01", to: "2026-09-30", at: at("2026-08-01T05:00:00Z")),
            activity(PlanActivityID(UUID.v7()), .training, from: "2026-10-01", to: "2026-10-31", at: at("2026-06-01T05:00:00Z")),
        ]
    }

    /// The training of July, done on the 20th, as `plan_activity.completed.v1` reported it before
    /// `plan_activity.recorded.v1` replaced it: still counted.
    var trainingDone: any MessageContract {
        PlanActivityCompleted(organisationID: schoolID, planID: plan, activityID: trainingActivity, kind: .training,
            periodStart: day("2026-07-01"), periodEnd: day("2026-07-31"), done: true, doneOn: day("2026-07-20"))
    }

    private let plan = WorkPlanID(UUID.v7())
    private let trainingActivity = PlanActivityID(UUID.v7()), cancelledEvent = PlanActivityID(UUID.v7()), movedTraining = PlanActivityID(UUID.v7())

    /// The school's 2026-Q3 figures, by hand.
    static let expectedForSchool: [String: Double] = [
        // Received 10 July, 1 July 01:00 local, 31 July; not 1 October 00:30 local, not April.
        "referrals_received/court": 1, "referrals_received/police": 1, "referrals_received/school": 1,
        "referrals_by_nature/conflict": 1, "referrals_by_nature/offence": 1, "referrals_by_nature/at_risk_status": 1,
        "referrals_by_kind/agency_referral": 2, "referrals_by_kind/school_identification": 1,
        "referrals_processed": 3,
        // The court's (2 minors) and the school's (1); not October's or April's.
        "repeat_referrals": 2, "repeat_minors": 3,
        "first_contacts": 2, "first_contact_hours": 96,
        "programmes_held/mediation": 1,
        "programmes_closed/agreement_fulfilled": 1, "programmes_closed/refused": 1,
        "programmes_not_completed/party_declined": 1,
        "agreements_reached": 1, "agreements_fulfilled": 1,
        "participants/minors": 3, "participants/adults": 3, "participants/specialists": 2, "participants/peer_mediators": 1,
        "accompaniments_opened": 1, "accompaniments_closed/goals_achieved": 1, "accompaniments_continued": 1, "accompaniments_measured": 1,
        "accompaniment_change/attendance_percent": 20, "accompaniment_change/behaviour": 2, "accompaniment_change/performance": 1,
        // July's and the one moved to September; September's event, not the cancelled one.
        "plan_activities_planned/training": 2, "plan_activities_planned/event": 1, "plan_activities_done/training": 1,
        "cases_overdue/first_contact": 1,
        // The new accompaniment, still open at the quarter's end; the others closed within it.
        "cases_carried_over/accompaniment": 1,
        "active_services": 1,
    ]

    private func referral(
        _ id: ReferralID, _ source: ReferralSourceKind, _ nature: ReferralNature, _ kind: ReferralKind, _ received: Date, organisation: UUID? = nil,
        minors: Int = 1, repeated: Int? = 0
    ) -> ReferralReceived {
        ReferralReceived(
            referralID: id, integratorID: IntegratorID(UUID.v7()), organisationID: OrganisationID(organisation ?? school), kind: kind,
            source: ReferralSource(kind: source, organisationName: nil, reference: nil), nature: nature, requestedResponses: [],
            occurredOn: day("2026-04-01"), schoolName: nil, className: nil, minorCount: minors, partyCount: minors + 1, repeatMinorCount: repeated,
            senderDeadline: nil, receivedAt: received)
    }

    private func opened(_ id: CaseID, _ referral: ReferralID, _ kind: CaseKind, _ nature: ReferralNature, received: Date, at openedAt: Date) -> CaseOpened {
        CaseOpened(caseID: id, referralID: referral, organisationID: schoolID, kind: kind, nature: nature, proposedSpecialistID: nil,
            referralReceivedAt: received, openedAt: openedAt)
    }

    private func closed(
        _ id: CaseID, _ referral: ReferralID, _ kind: CaseKind, _ nature: ReferralNature, _ outcome: CaseOutcome, _ reason: ClosingReason?,
        _ programme: ProgrammeKind?, minors: Int, adults: Int, received: Date, firstContact: Date, at closedAt: Date
    ) -> CaseClosed {
        CaseClosed(caseID: id, referralID: referral, organisationID: schoolID, kind: kind, nature: nature, outcome: outcome, closingReason: reason,
            closedFrom: "follow_up", programmeKind: programme, minorCount: minors, adultCount: adults, meetingsHeld: 2,
            referralReceivedAt: received, openedAt: received, firstContactAt: firstContact, closedAt: closedAt)
    }

    private func activity(
        _ id: PlanActivityID, _ kind: PlanActivityKind, from start: String, to end: String, cancelled: Bool = false, at recorded: Date
    ) -> PlanActivityRecorded {
        PlanActivityRecorded(organisationID: schoolID, planID: plan, activityID: id, kind: kind, periodStart: day(start), periodEnd: day(end),
            done: false, doneOn: nil, cancelled: cancelled, recordedAt: recorded)
    }

    private func moved(_ id: CaseID, _ kind: CaseKind, from: String, to: String, at movedAt: Date) -> CaseStateChanged {
        CaseStateChanged(caseID: id, referralID: id == accompaniedCase ? aprilReferral : schoolReferral, organisationID: schoolID, kind: kind, from: from, to: to, specialistID: nil, movedAt: movedAt)
    }
}
