import Foundation
import Models

/// A synthetic but realistic history of a region's reconciliation services, as the events
/// intake and scheduling publish: referrals from courts, police, commissions, schools and
/// parents; cases opened for most of them; restorative programmes with their meetings,
/// agreements and closings; accompaniments with student profiles; work-plan activities.
///
/// Each referral starts a story whose later steps follow it by days or weeks, with the odds a
/// municipal service sees (most referrals get a case, most programmes a meeting, about half an
/// agreement), spread evenly over 2025 and 2026 across the organisations.
struct MonitoringHistory {
    /// One school or municipal service and its time zone.
    struct Organisation {
        var id: UUID
        var municipality: UUID?
        var isMunicipal: Bool
        var timeZone: String
    }

    /// The organisations: a municipal service per 50 schools, in three time zones.
    let organisations: [Organisation]

    init(schools: Int) {
        let municipalities = max(1, schools / 50)
        let zones = ["Asia/Yekaterinburg", "Asia/Yekaterinburg", "Asia/Almaty", "Europe/Minsk"]
        var organisations = (0..<municipalities).map { index in
            Organisation(id: UUID.v7(), municipality: nil, isMunicipal: true, timeZone: zones[index % zones.count])
        }
        for index in 0..<schools {
            let municipality = organisations[index % municipalities]
            organisations.append(Organisation(id: UUID.v7(), municipality: municipality.id, isMunicipal: false, timeZone: municipality.timeZone))
        }
        self.organisations = organisations
    }

    private static let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
    private static let span: TimeInterval = 730 * 86_400

    /// Calls `emit` with events until `count` have been made (a story in progress is finished).
    func generate(count: Int, emit: (any MessageContract) throws -> Void) throws {
        var generator = SystemRandomNumberGenerator()
        var made = 0
        func send(_ event: any MessageContract) throws {
            try emit(event)
            made += 1
        }
        while made < count {
            let organisation = organisations.randomElement(using: &generator)!
            let receivedAt = Self.start.addingTimeInterval(.random(in: 0..<Self.span, using: &generator))
            if Int.random(in: 0..<20, using: &generator) == 0 {
                try activity(of: organisation, around: receivedAt, using: &generator, emit: send)
            } else if Int.random(in: 0..<4, using: &generator) == 0 {
                try accompaniment(of: organisation, receivedAt: receivedAt, using: &generator, emit: send)
            } else {
                try restorative(of: organisation, receivedAt: receivedAt, using: &generator, emit: send)
            }
        }
    }

    private func restorative(of organisation: Organisation, receivedAt: Date, using generator: inout some RandomNumberGenerator, emit: (any MessageContract) throws -> Void) throws {
        let org = OrganisationID(organisation.id)
        let referral = ReferralID(UUID.v7())
        let sources: [ReferralSourceKind] = [.court, .police, .police, .minorsCommission, .school, .school, .parent, .guardianship, .selfReferral]
        let nature: ReferralNature = Bool.random(using: &generator) ? .conflict : .offence
        let minors = Int.random(in: 1...3, using: &generator), adults = Int.random(in: 1...3, using: &generator)
        try emit(ReferralReceived(
            referralID: referral, integratorID: IntegratorID(UUID.v7()), organisationID: org, kind: .agencyReferral,
            source: ReferralSource(kind: sources.randomElement(using: &generator)!, organisationName: nil, reference: nil), nature: nature,
            requestedResponses: [.restorativeProgramme], occurredOn: LocalDate(containing: receivedAt, in: .gmt), schoolName: nil, className: nil,
            minorCount: minors, partyCount: minors + adults,
            // About one referral in eight names a child the service has seen before.
            repeatMinorCount: Int.random(in: 0..<8, using: &generator) == 0 ? Int.random(in: 1...minors, using: &generator) : 0,
            senderDeadline: nil, receivedAt: receivedAt))
        guard Int.random(in: 0..<20, using: &generator) != 0 else { return }
        let caseID = CaseID(UUID.v7())
        let openedAt = receivedAt.addingTimeInterval(.random(in: 3_600...259_200, using: &generator))
        try emit(CaseOpened(caseID: caseID, referralID: referral, organisationID: org, kind: .restorative, nature: nature, proposedSpecialistID: nil,
            referralReceivedAt: receivedAt, openedAt: openedAt))
        var time = openedAt.addingTimeInterval(.random(in: 86_400...864_000, using: &generator))
        var meetings = 0, firstContact: Date?
        let programme: ProgrammeKind? = Int.random(in: 0..<10, using: &generator) < 7 ? ProgrammeKind.allCases.randomElement(using: &generator) : nil
        if let programme {
            try emit(ProgrammeStarted(programmeID: ProgrammeID(UUID.v7()), caseID: caseID, organisationID: org, kind: programme, startedAt: time))
            for kind in [MeetingKind.preliminary, .main, .followUp].prefix(Int.random(in: 1...3, using: &generator)) {
                try emit(MeetingHeld(meetingID: MeetingID(UUID.v7()), caseID: caseID, organisationID: org, kind: kind, programmeKind: programme,
                    startsAt: time, minorCount: minors, adultCount: adults, specialistCount: Int.random(in: 1...2, using: &generator),
                    peerMediatorCount: Int.random(in: 0...2, using: &generator)))
                firstContact = firstContact ?? time
                meetings += 1
                time = time.addingTimeInterval(.random(in: 86_400...1_209_600, using: &generator))
            }
        }
        var outcome = CaseOutcome.notReconciled
        if programme != nil, Bool.random(using: &generator) {
            let agreement = AgreementID(UUID.v7())
            let terms = Int.random(in: 1...4, using: &generator)
            let reachedOn = LocalDate(containing: time, in: TimeZone(identifier: organisation.timeZone)!)
            try emit(AgreementRecorded(agreementID: agreement, caseID: caseID, organisationID: org, reachedOn: reachedOn, termCount: terms,
                fulfilledCount: 0, brokenCount: 0, recordedAt: time))
            outcome = .reconciled
            if Int.random(in: 0..<10, using: &generator) < 6 {
                time = time.addingTimeInterval(.random(in: 604_800...2_592_000, using: &generator))
                try emit(AgreementRecorded(agreementID: agreement, caseID: caseID, organisationID: org, reachedOn: reachedOn, termCount: terms,
                    fulfilledCount: terms, brokenCount: 0, recordedAt: time))
                outcome = .agreementFulfilled
            }
        } else if programme == nil {
            outcome = Bool.random(using: &generator) ? .refused : .transferred
        }
        guard Int.random(in: 0..<20, using: &generator) < 17 else { return }
        let reasons: [ClosingReason] = [.partyDeclined, .noAgreement, .partyUnreachable, .other]
        let reason: ClosingReason? = [.notReconciled, .refused, .transferred].contains(outcome) ? reasons.randomElement(using: &generator) : nil
        try emit(CaseClosed(caseID: caseID, referralID: referral, organisationID: org, kind: .restorative, nature: nature, outcome: outcome,
            closingReason: reason, closedFrom: "follow_up", programmeKind: programme, minorCount: minors, adultCount: adults, meetingsHeld: meetings,
            referralReceivedAt: receivedAt, openedAt: openedAt, firstContactAt: firstContact, closedAt: time.addingTimeInterval(86_400)))
    }

    private func accompaniment(of organisation: Organisation, receivedAt: Date, using generator: inout some RandomNumberGenerator, emit: (any MessageContract) throws -> Void) throws {
        let org = OrganisationID(organisation.id)
        let referral = ReferralID(UUID.v7())
        let nature: ReferralNature = Bool.random(using: &generator) ? .dropoutRisk : .atRiskStatus
        try emit(ReferralReceived(
            referralID: referral, integratorID: IntegratorID(UUID.v7()), organisationID: org, kind: .schoolIdentification,
            source: ReferralSource(kind: .school, organisationName: nil, reference: nil), nature: nature, requestedResponses: [],
            occurredOn: LocalDate(containing: receivedAt, in: .gmt), schoolName: nil, className: nil, minorCount: 1, partyCount: 2,
            repeatMinorCount: Int.random(in: 0..<5, using: &generator) == 0 ? 1 : 0, senderDeadline: nil, receivedAt: receivedAt))
        let caseID = CaseID(UUID.v7())
        let openedAt = receivedAt.addingTimeInterval(.random(in: 86_400...604_800, using: &generator))
        try emit(CaseOpened(caseID: caseID, referralID: referral, organisationID: org, kind: .accompaniment, nature: nature, proposedSpecialistID: nil,
            referralReceivedAt: receivedAt, openedAt: openedAt))
        var time = openedAt
        var attendance = Double.random(in: 40...80, using: &generator), behaviour = Int.random(in: 1...3, using: &generator)
        var performance = Int.random(in: 2...3, using: &generator)
        let zone = TimeZone(identifier: organisation.timeZone)!
        for _ in 0..<Int.random(in: 2...4, using: &generator) {
            time = time.addingTimeInterval(.random(in: 1_209_600...3_628_800, using: &generator))
            try emit(StudentProfileRecorded(caseID: caseID, organisationID: org, recordedOn: LocalDate(containing: time, in: zone),
                attendancePercent: attendance.rounded(), behaviour: behaviour, performance: performance, recordedAt: time))
            attendance = min(100, attendance + .random(in: -5...15, using: &generator))
            behaviour = min(5, max(1, behaviour + Int.random(in: -1...1, using: &generator)))
            performance = min(5, max(2, performance + Int.random(in: -1...1, using: &generator)))
        }
        guard Int.random(in: 0..<10, using: &generator) < 6 else { return }
        let outcome: CaseOutcome = [.goalsAchieved, .goalsAchieved, .continued, .transferred].randomElement(using: &generator)!
        try emit(CaseClosed(caseID: caseID, referralID: referral, organisationID: org, kind: .accompaniment, nature: nature, outcome: outcome,
            closingReason: outcome == .transferred ? .handedToGuardianship : nil, closedFrom: "evaluated", programmeKind: nil, minorCount: 1,
            adultCount: 1, meetingsHeld: 0, referralReceivedAt: receivedAt, openedAt: openedAt, firstContactAt: openedAt,
            closedAt: time.addingTimeInterval(86_400)))
    }

    private func activity(of organisation: Organisation, around time: Date, using generator: inout some RandomNumberGenerator, emit: (any MessageContract) throws -> Void) throws {
        let zone = TimeZone(identifier: organisation.timeZone)!
        let month = LocalDate(containing: time, in: zone)
        let periodStart = LocalDate(year: month.year, month: month.month, day: 1)!
        let periodEnd = periodStart.adding(days: 27)
        let kinds: [PlanActivityKind] = [.training, .event, .meeting, .methodical, .monitoring]
        let activity = PlanActivityRecorded(organisationID: OrganisationID(organisation.id), planID: WorkPlanID(UUID.v7()),
            activityID: PlanActivityID(UUID.v7()), kind: kinds.randomElement(using: &generator)!, periodStart: periodStart, periodEnd: periodEnd,
            done: false, doneOn: nil, cancelled: false, recordedAt: time)
        try emit(activity)
        // Seven in ten are held, one is called off, the rest stay open.
        let fate = Int.random(in: 0..<10, using: &generator)
        guard fate < 8 else { return }
        var changed = activity
        changed.recordedAt = time.addingTimeInterval(3600)
        if fate < 7 {
            changed.done = true
            changed.doneOn = periodStart.adding(days: Int.random(in: 0...27, using: &generator))
        } else {
            changed.cancelled = true
        }
        try emit(changed)
    }
}
