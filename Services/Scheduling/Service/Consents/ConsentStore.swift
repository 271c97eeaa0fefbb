import Foundation
import Models
import Postgres
import StaffAccess

/// Consents of legal representatives (seed 001 I.6, seed 000 №11): recorded, listed and
/// withdrawn, each access audited. A withdrawal stops the programme it allowed.
enum ConsentStore {
    /// Records a consent for a minor of the caller's open case by one of that minor's legal
    /// representatives. Taking a consent is a contact with the family, so it counts as first
    /// contact, at the moment it is entered: its day carries no time, and the start of that day
    /// would put the contact hours before a referral received the same day.
    static func record(
        minor: PartyID, givenBy: PartyID, form: ConsentForm, scopes: [ConsentScope], givenOn: LocalDate, caseID: CaseID,
        by caller: StaffCaller, in connection: PostgresConnection, now: Date
    ) async throws -> Consent {
        let record = try await CaseRecord.lock(caseID, for: caller, in: connection)
        guard !record.state.isClosed else { throw CaseMoveRefusal.caseClosed.refusal }
        guard !scopes.isEmpty else {
            throw SchedulingRefusal.invalid("/scopes", code: "empty", "Give at least one scope.", "Укажите хотя бы одну область согласия.")
        }
        let roles = try await connection.query("""
            SELECT (SELECT role FROM scheduling.parties WHERE id = \(minor.uuid) AND case_id = \(caseID.uuid)),
                   (SELECT represents_id FROM scheduling.parties
                    WHERE id = \(givenBy.uuid) AND case_id = \(caseID.uuid) AND role = 'legal_representative')
            """).single.unwrapped("consent parties")
        guard try roles.decode(String?.self, at: 0) == PartyRole.minor.rawValue else {
            throw SchedulingRefusal.invalid(
                "/minor_party_id", code: "not_a_minor_of_case", "Must be a minor party of this case.",
                "Должен быть несовершеннолетним участником этого дела.")
        }
        guard try roles.decode(UUID?.self, at: 1) == minor.uuid else {
            throw SchedulingRefusal.invalid(
                "/given_by_party_id", code: "not_a_representative_of_minor", "Must be a legal representative of that minor in this case.",
                "Должен быть законным представителем этого несовершеннолетнего в этом деле.")
        }
        let zone = try await OrganisationCalendar.timeZone(of: caller.organisationID, in: connection)
        guard givenOn <= LocalDate(containing: now, in: zone) else {
            throw SchedulingRefusal.invalid("/given_on", code: "in_future", "Cannot be after today.", "Не может быть позже сегодняшнего дня.")
        }
        let id = ConsentID(UUID.v7(at: now))
        let distinctScopes = ConsentScope.allCases.filter(scopes.contains)
        try await connection.query("""
            INSERT INTO scheduling.consents (id, case_id, minor_id, given_by_id, form, scopes, given_on, recorded_at)
            VALUES (\(id.uuid), \(caseID.uuid), \(minor.uuid), \(givenBy.uuid), \(form.rawValue),
                    \(distinctScopes.map(\.rawValue))::text[], \(givenOn.description)::date, \(now))
            """)
        try await CaseStore.noteFirstContact(of: caseID, at: now, in: connection)
        try await AuditTrail.record("consent.create", by: caller, caseID: caseID, entity: "consent", entityID: id.uuid, in: connection)
        return Consent(
            id: id, minorPartyID: minor, givenByPartyID: givenBy, form: form, scopes: distinctScopes, givenOn: givenOn, recordedAt: now,
            withdrawnOn: nil, withdrawalReason: nil)
    }

    /// The consents of the caller's case; the read is audited.
    static func consents(of caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection) async throws -> [Consent] {
        _ = try await CaseRecord.find(caseID, for: caller, in: connection)
        let consents = try await connection.query("""
            SELECT \(unescaped: columns) FROM scheduling.consents WHERE case_id = \(caseID.uuid) ORDER BY id
            """).map(consent(row:))
        try await AuditTrail.record("consent.read", by: caller, caseID: caseID, entity: "consent", in: connection)
        return consents
    }

    /// Withdraws a standing consent. Without it the programme stops: a case in preparation or at
    /// its main meeting goes back to «consent pending» (its scheduled meetings cancelled); a case
    /// past its agreement closes as refused.
    ///
    /// - Returns: the withdrawn consent.
    static func withdraw(
        _ id: ConsentID, of caseID: CaseID, on day: LocalDate, reason: String?, by caller: StaffCaller,
        in connection: PostgresConnection, now: Date
    ) async throws -> Consent {
        let record = try await CaseRecord.lock(caseID, for: caller, in: connection)
        let reason = try reason.optionalText(at: "/reason", max: 1000, multiline: true)
        guard day <= LocalDate(containing: now, in: try await OrganisationCalendar.timeZone(of: caller.organisationID, in: connection)) else {
            throw SchedulingRefusal.invalid("/withdrawn_on", code: "in_future", "Cannot be after today.", "Не может быть позже сегодняшнего дня.")
        }
        let row = try await connection.query("""
            UPDATE scheduling.consents SET withdrawn_on = \(day.description)::date, withdrawal_reason = \(reason)
            WHERE id = \(id.uuid) AND case_id = \(caseID.uuid) AND withdrawn_on IS NULL AND given_on <= \(day.description)::date
            RETURNING \(unescaped: columns)
            """).single
        guard let row else {
            let exists = try await connection.query("""
                SELECT withdrawn_on IS NOT NULL FROM scheduling.consents WHERE id = \(id.uuid) AND case_id = \(caseID.uuid)
                """).single
            guard let exists else { throw SchedulingRefusal.notFound("consent", "согласие") }
            if try exists.decode(Bool.self, at: 0) {
                throw SchedulingRefusal(
                    .conflict, code: "already_withdrawn", message: "This consent was already withdrawn.", messageRu: "Это согласие уже отозвано.")
            }
            throw SchedulingRefusal.invalid(
                "/withdrawn_on", code: "before_given", "Cannot be before the day the consent was given.",
                "Не может быть раньше дня, когда согласие было дано.")
        }
        try await AuditTrail.record("consent.withdraw", by: caller, caseID: caseID, entity: "consent", entityID: id.uuid, in: connection)
        switch record.state {
        case .restorative(.preparation), .restorative(.mainMeeting):
            // The programme cannot go on without every minor's consent: back to waiting for it.
            if try await CaseStore.consentShortfall(of: record, in: connection) != nil {
                _ = try await CaseStore.apply(record, to: .restorative(.consentPending), outcome: nil, reason: nil, actor: caller.actor, in: connection, now: now)
            }
        case .restorative(.agreement), .restorative(.followUp):
            if try await CaseStore.consentShortfall(of: record, in: connection) != nil {
                _ = try await CaseStore.apply(record, to: .restorative(.closed), outcome: .refused, reason: .partyDeclined, actor: caller.actor, in: connection, now: now)
            }
        default:
            break
        }
        return try consent(row: row)
    }

    private static let columns: StaticString = """
        id, minor_id, given_by_id, form, scopes, given_on::text, recorded_at, withdrawn_on::text, withdrawal_reason
        """

    private static func consent(row: PostgresRow) throws -> Consent {
        Consent(
            id: ConsentID(try row.decode(UUID.self, at: 0)), minorPartyID: PartyID(try row.decode(UUID.self, at: 1)),
            givenByPartyID: PartyID(try row.decode(UUID.self, at: 2)),
            form: try ConsentForm(rawValue: row.decode(String.self, at: 3)).unwrapped("consent form"),
            scopes: try row.decode([String].self, at: 4).map { try ConsentScope(rawValue: $0).unwrapped("consent scope") },
            givenOn: try LocalDate(row.decode(String.self, at: 5)).unwrapped("consent day"), recordedAt: try row.decode(Date.self, at: 6),
            withdrawnOn: try row.decode(String?.self, at: 7).flatMap(LocalDate.init), withdrawalReason: try row.decode(String?.self, at: 8))
    }
}
