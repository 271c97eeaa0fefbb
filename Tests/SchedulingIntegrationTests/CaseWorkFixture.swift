import Bus
import Foundation
import Logging
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

/// One organisation's scheduling on the test's own database: a head, specialists with working
/// hours, cases opened from referrals the way the service opens them.
struct CaseWorkFixture {
    let pool: PostgresPool
    let organisation: OrganisationID
    let head: StaffCaller

    /// Every topic case work publishes, so tests can read what was announced.
    static let observedTopics = [
        CaseStateChanged.messageType, CaseClosed.messageType, CaseAssigned.messageType, CaseOverdue.messageType,
        MeetingHeld.messageType, ProgrammeStarted.messageType,
        AgreementRecorded.messageType, NotificationRequested.messageType, NotificationsWithdrawn.messageType,
    ]

    /// A fixture in `timeZone`.
    static func make(timeZone: String = "UTC") async throws -> CaseWorkFixture {
        let pool = try await CaseOpeningTests.makePool()
        try await pool.withConnection { try await MessageBus.subscribe("observed", to: observedTopics, in: $0) }
        let organisation = OrganisationID(UUID.v7())
        try await pool.query("INSERT INTO scheduling.organisations (id, time_zone) VALUES (\(organisation.uuid), \(timeZone))")
        return CaseWorkFixture(pool: pool, organisation: organisation, head: StaffCaller(organisationID: organisation, role: .head, subject: "head"))
    }

    /// A specialist of this organisation, at work every day from `starts` to `ends` o'clock.
    func addSpecialist(roles: [String] = ["mediator", "curator"], starts: Int = 8, ends: Int = 20, weekdays: ClosedRange<Int> = 1...7) async throws -> SpecialistID {
        let added = try await SpecialistAdministration(pool: pool).addSpecialist(
            organisationID: organisation.uuid, displayName: "Специалист", roles: roles, maxCaseload: 500)
        try await transaction { connection in
            try await CalendarStore.replaceWorkingHours(
                of: added.id, with: weekdays.map { WeeklyHours(weekday: $0, starts: starts * 60, ends: ends * 60)! }, in: connection)
        }
        return SpecialistID(added.id)
    }

    /// Cases opened from `count` referrals to this organisation, in order.
    func openCases(_ count: Int, kind: ReferralKind = .agencyReferral, minors: Int = 1, parties: Int = 2) async throws -> [CaseID] {
        let referrals = (0..<count).map { _ in
            var referral = CaseOpeningTests.referral(kind: kind, requested: kind == .schoolIdentification ? [.accompaniment] : [.restorativeProgramme])
            referral.organisationID = organisation
            referral.minorCount = minors
            referral.partyCount = parties
            return referral
        }
        try await pool.withTransaction { connection in
            try await MessageBus.publish(try referrals.map { try OutgoingMessage($0) }, topic: ReferralReceived.messageType, in: connection)
        }
        try await CaseOpeningTests.drain(pool)
        return try await referrals.asyncMap { referral in
            CaseID(try #require(try await pool.query("SELECT id FROM scheduling.cases WHERE referral_id = \(referral.referralID.uuid)").single).decode(UUID.self, at: 0))
        }
    }

    /// Runs `body` in a transaction.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await pool.withTransaction(body)
    }

    /// Adds a party to a case.
    func addParty(_ role: PartyRole, to caseID: CaseID, represents: PartyID? = nil, busy: [WeeklyHours] = []) async throws -> PartyID {
        try await transaction { connection in
            try await PartyStore.add(
                PartyStore.Draft(
                    role: role, fullName: "Участник", birthDate: nil, representsPartyID: represents, phone: nil, email: nil, language: .ru,
                    busyHours: busy),
                to: caseID, by: head, in: connection, now: Date()).id
        }
    }

    /// Moves a case.
    @discardableResult
    func move(_ caseID: CaseID, to state: CaseState, outcome: CaseOutcome? = nil, reason: ClosingReason? = nil) async throws -> CaseRecord {
        try await transaction { try await CaseStore.move(caseID, to: state, outcome: outcome, reason: reason, by: head, in: $0, now: Date()) }
    }

    /// A restorative case brought to «preparation»: assigned, a minor and their representative
    /// recorded with consent, a harmed party.
    func preparedCase(specialist: SpecialistID) async throws -> (id: CaseID, minor: PartyID, representative: PartyID, harmed: PartyID, consent: ConsentID) {
        let id = try await openCases(1)[0]
        _ = try await transaction { try await CaseStore.assign(id, to: specialist, by: head, in: $0, now: Date()) }
        try await move(id, to: .restorative(.consentPending))
        let minor = try await addParty(.minor, to: id)
        let representative = try await addParty(.legalRepresentative, to: id, represents: minor)
        let harmed = try await addParty(.harmedParty, to: id)
        let consent = try await transaction { connection in
            try await ConsentStore.record(
                minor: minor, givenBy: representative, form: .written, scopes: [.programmeParticipation], givenOn: LocalDate(containing: Date(), in: .gmt),
                caseID: id, by: head, in: connection, now: Date()).id
        }
        try await move(id, to: .restorative(.preparation))
        return (id, minor, representative, harmed, consent)
    }

    /// How many messages of `type` were published for the `observed` queue.
    func published(_ type: String) async throws -> Int {
        try await pool.count("SELECT count(*) FROM bus.messages WHERE queue = 'observed' AND type = \(type)")
    }

    /// The refusal code `body` throws, or `nil` if it succeeds.
    func refusal(_ body: (PostgresConnection) async throws -> some Sendable) async throws -> String? {
        do {
            _ = try await transaction(body)
            return nil
        } catch let refusal as SchedulingRefusal {
            return refusal.code
        }
    }
}

extension Sequence {
    /// `transform` applied to each element in turn.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

/// The next local `weekday` (ISO) at `hour`:00 in `zone`, at least a day ahead.
func upcoming(weekday: Int, hour: Int, in zone: TimeZone = .gmt) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    var day = calendar.startOfDay(for: Date().addingTimeInterval(86_400))
    while OrganisationCalendar.isoWeekday(calendar.component(.weekday, from: day)) != weekday { day = calendar.date(byAdding: .day, value: 1, to: day)! }
    return calendar.date(byAdding: .hour, value: hour, to: day)!
}
