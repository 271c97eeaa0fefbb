import Foundation
import Models
import Postgres
import ServiceRuntime
import StaffAccess

/// The parties of a case: personal data of minors and families, read and written only here and
/// only with the access recorded in the audit log.
enum PartyStore {
    /// What staff enter for a new party.
    struct Draft: Sendable {
        var role: PartyRole
        var fullName: String
        var birthDate: LocalDate?
        var representsPartyID: PartyID?
        var phone: String?
        var email: String?
        var language: Language
        var busyHours: [WeeklyHours]
    }

    /// Adds a party to the caller's open case.
    ///
    /// - Throws: ``SchedulingRefusal``: the case is not the caller's or closed; the phone or email
    ///   is not one (`invalid_phone`, `invalid_email`, as intake's); a legal representative names
    ///   no minor of this case, or someone else names one.
    static func add(_ draft: Draft, to caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection, now: Date) async throws -> Party {
        let record = try await CaseRecord.lock(caseID, for: caller, in: connection)
        guard !record.state.isClosed else { throw CaseMoveRefusal.caseClosed.refusal }
        let name = try draft.fullName.requiredText(at: "/full_name", max: 200)
        let phone = try draft.phone.optionalText(at: "/phone", max: 40).map(Self.checkedPhone)
        let email = try draft.email.optionalText(at: "/email", max: 254).map(Self.checkedEmail)
        switch (draft.role, draft.representsPartyID) {
        case (.legalRepresentative, let minor?):
            let isMinor = try await connection.query("""
                SELECT 1 FROM scheduling.parties WHERE id = \(minor.uuid) AND case_id = \(caseID.uuid) AND role = 'minor'
                """).single
            guard isMinor != nil else {
                throw SchedulingRefusal.invalid(
                    "/represents_party_id", code: "not_a_minor_of_case", "Must be a minor party of this case.",
                    "Должен быть несовершеннолетним участником этого дела.")
            }
        case (.legalRepresentative, nil):
            throw SchedulingRefusal.invalid(
                "/represents_party_id", code: "required", "A legal representative names the minor they represent.",
                "Для законного представителя укажите несовершеннолетнего, которого он представляет.")
        case (_, .some):
            throw SchedulingRefusal.invalid(
                "/represents_party_id", code: "only_for_representatives", "Only a legal representative represents a minor.",
                "Представлять несовершеннолетнего может только законный представитель.")
        case (_, nil):
            break
        }
        let id = PartyID(UUID.v7(at: now))
        let hours = try draft.busyHours.week(at: "/busy_hours")
        try await connection.query("""
            WITH party AS (
                INSERT INTO scheduling.parties (id, case_id, role, full_name, birth_date, represents_id, phone, email, language, created_at)
                VALUES (\(id.uuid), \(caseID.uuid), \(draft.role.rawValue), \(name), \(draft.birthDate?.description)::date,
                        \(draft.representsPartyID?.uuid), \(phone), \(email), \(draft.language.rawValue), \(now))
                RETURNING id
            )
            INSERT INTO scheduling.party_busy_hours (party_id, weekday, starts, ends)
            SELECT (SELECT id FROM party), w, s::time, e::time
            FROM unnest(\(hours.map(\.weekday))::int[], \(hours.map(\.startsText))::text[], \(hours.map(\.endsText))::text[]) AS h (w, s, e)
            """)
        try await AuditTrail.record("party.create", by: caller, caseID: caseID, entity: "party", entityID: id.uuid, in: connection)
        return Party(
            id: id, role: draft.role, fullName: name, birthDate: draft.birthDate, representsPartyID: draft.representsPartyID,
            phone: phone, email: email, language: draft.language, busyHours: hours)
    }

    /// A party's phone as intake takes a representative's: a Russian or Kazakh number, stored as
    /// `+7` and ten digits so that notifications and people read one form.
    ///
    /// - Throws: ``SchedulingRefusal`` `invalid_phone` at `/phone`.
    private static func checkedPhone(_ text: String) throws(SchedulingRefusal) -> String {
        guard let phone = ContactDetails.normalisedPhone(text) else {
            throw .invalid(.invalidPhone("/phone"))
        }
        return phone
    }

    /// A party's email as intake takes a representative's.
    ///
    /// - Throws: ``SchedulingRefusal`` `invalid_email` at `/email`.
    private static func checkedEmail(_ text: String) throws(SchedulingRefusal) -> String {
        guard ContactDetails.isEmailAddress(text) else {
            throw .invalid(.invalidEmail("/email"))
        }
        return text
    }

    /// The parties of the caller's case, in the order they were added; the read is audited.
    static func parties(of caseID: CaseID, by caller: StaffCaller, in connection: PostgresConnection) async throws -> [Party] {
        _ = try await CaseRecord.find(caseID, for: caller, in: connection)
        let parties = try await connection.query("""
            SELECT p.id, p.role, p.full_name, p.birth_date::text, p.represents_id, p.phone, p.email, p.language,
                   coalesce((SELECT array_agg(\(unescaped: WeeklyHours.storedForm) ORDER BY h.weekday, h.starts)
                             FROM scheduling.party_busy_hours h WHERE h.party_id = p.id), '{}')
            FROM scheduling.parties p WHERE p.case_id = \(caseID.uuid) ORDER BY p.id
            """).map { row in
            Party(
                id: PartyID(try row.decode(UUID.self, at: 0)),
                role: try PartyRole(rawValue: row.decode(String.self, at: 1)).unwrapped("party role"),
                fullName: try row.decode(String.self, at: 2),
                birthDate: try row.decode(String?.self, at: 3).flatMap(LocalDate.init),
                representsPartyID: try row.decode(UUID?.self, at: 4).map(PartyID.init),
                phone: try row.decode(String?.self, at: 5), email: try row.decode(String?.self, at: 6),
                language: try Language(rawValue: row.decode(String.self, at: 7)).unwrapped("language"),
                busyHours: try row.decode([String].self, at: 8).map(WeeklyHours.init(stored:)))
        }
        try await AuditTrail.record("party.read", by: caller, caseID: caseID, entity: "party", in: connection)
        return parties
    }
}

extension WeeklyHours {
    /// SQL for a window of table alias `h` as `weekday starts ends`, in minutes after midnight.
    static let storedForm: StaticString = """
        h.weekday || ' ' || extract(epoch FROM h.starts)::int / 60 || ' ' || extract(epoch FROM h.ends)::int / 60
        """

    /// A window in ``storedForm``.
    init(stored: String) throws {
        let parts = stored.split(separator: " ").compactMap { Int($0) }
        guard parts.count == 3, let hours = WeeklyHours(weekday: parts[0], starts: parts[1], ends: parts[2]) else {
            throw PostgresError(.decodingFailure, reason: "unexpected stored weekly hours")
        }
        self = hours
    }
}
