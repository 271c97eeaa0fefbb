import Foundation
import Models
import Postgres
import StaffAccess

/// A case as scheduling stores it: where it stands and what the rules of its moves look at.
struct CaseRecord: Sendable, Equatable {
    /// The case.
    var id: CaseID
    /// The referral it was opened for.
    var referralID: ReferralID
    /// The organisation whose caseload it is in.
    var organisationID: OrganisationID
    /// Where it stands.
    var state: CaseState
    /// How it closed, once closed.
    var outcome: CaseOutcome?
    /// The referral's nature.
    var nature: ReferralNature
    /// How many parties are minors, as the referral said.
    var minorCount: Int
    /// How many parties the referral named.
    var partyCount: Int
    /// Why it closed not reconciled, refused or transferred.
    var closingReason: ClosingReason?
    /// The specialist proposed when the case opened.
    var proposedSpecialistID: SpecialistID?
    /// The specialist leading the case.
    var specialistID: SpecialistID?
    /// The sender's deadline, if it set one.
    var senderDeadline: LocalDate?
    /// When intake received the referral.
    var referralReceivedAt: Date
    /// When the case opened.
    var openedAt: Date
    /// When a party was first contacted (a consent recorded or a meeting held).
    var firstContactAt: Date?
    /// When the first contact is due by the organisation's norm.
    var firstContactDueAt: Date
    /// When it last moved.
    var updatedAt: Date

    /// The case's kind of procedure.
    var kind: CaseKind { state.kind }

    /// The columns ``init(row:)`` reads, in order.
    static let columns: StaticString = """
        id, referral_id, organisation_id, kind, state, outcome, nature, minor_count, party_count, proposed_specialist_id,
        specialist_id, sender_deadline::text, referral_received_at, opened_at, first_contact_at, first_contact_due_at, updated_at,
        closing_reason
        """

    init(row: PostgresRow) throws {
        let kind = try CaseKind(rawValue: row.decode(String.self, at: 3)).unwrapped("case kind")
        id = CaseID(try row.decode(UUID.self, at: 0))
        referralID = ReferralID(try row.decode(UUID.self, at: 1))
        organisationID = OrganisationID(try row.decode(UUID.self, at: 2))
        state = try CaseState(kind: kind, rawValue: row.decode(String.self, at: 4)).unwrapped("case state")
        outcome = try row.decode(String?.self, at: 5).map { try CaseOutcome(rawValue: $0).unwrapped("case outcome") }
        nature = try ReferralNature(rawValue: row.decode(String.self, at: 6)).unwrapped("referral nature")
        minorCount = try row.decode(Int.self, at: 7)
        partyCount = try row.decode(Int.self, at: 8)
        proposedSpecialistID = try row.decode(UUID?.self, at: 9).map(SpecialistID.init)
        specialistID = try row.decode(UUID?.self, at: 10).map(SpecialistID.init)
        senderDeadline = try row.decode(String?.self, at: 11).map { try LocalDate($0).unwrapped("sender deadline") }
        referralReceivedAt = try row.decode(Date.self, at: 12)
        openedAt = try row.decode(Date.self, at: 13)
        firstContactAt = try row.decode(Date?.self, at: 14)
        firstContactDueAt = try row.decode(Date.self, at: 15)
        updatedAt = try row.decode(Date.self, at: 16)
        closingReason = try row.decode(String?.self, at: 17).map { try ClosingReason(rawValue: $0).unwrapped("closing reason") }
    }
}

extension CaseRecord {
    /// The case `id` of the caller's organisation (a specialist reaches only the cases they lead
    /// or are proposed for), locked for the rest of the transaction so that
    /// two moves of one case happen one after the other.
    ///
    /// - Throws: ``SchedulingRefusal`` `not_found` when the organisation has no such case.
    static func lock(_ id: CaseID, for caller: StaffCaller, in connection: PostgresConnection) async throws -> CaseRecord {
        let row = try await connection.query("""
            SELECT \(unescaped: columns) FROM scheduling.cases
            WHERE id = \(id.uuid) AND organisation_id = \(caller.organisationID.uuid)
              AND (\(caller.role == .head) OR coalesce(specialist_id, proposed_specialist_id) = \(caller.specialistID?.uuid))
            FOR UPDATE
            """).single
        guard let row else { throw SchedulingRefusal.notFound("case", "дело") }
        return try CaseRecord(row: row)
    }

    /// The case `id` of the caller's organisation, as it stands now.
    static func find(_ id: CaseID, for caller: StaffCaller, in connection: PostgresConnection) async throws -> CaseRecord {
        let row = try await connection.query("""
            SELECT \(unescaped: columns) FROM scheduling.cases
            WHERE id = \(id.uuid) AND organisation_id = \(caller.organisationID.uuid)
              AND (\(caller.role == .head) OR coalesce(specialist_id, proposed_specialist_id) = \(caller.specialistID?.uuid))
            """).single
        guard let row else { throw SchedulingRefusal.notFound("case", "дело") }
        return try CaseRecord(row: row)
    }
}

extension Optional {
    /// The value, or an error naming what a stored row was expected to hold.
    func unwrapped(_ what: String) throws -> Wrapped {
        guard let self else { throw PostgresError(.decodingFailure, reason: "unexpected stored \(what)") }
        return self
    }
}
