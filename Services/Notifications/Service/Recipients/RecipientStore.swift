import Foundation
import Models
import Postgres
import ServiceRuntime
import StaffAccess

/// Recipients through the API: each read and write in `notifications.audit_log`, in the same
/// statement; parties and specialists only within the caller's organisation, integrators only
/// by an administrator.
struct RecipientStore: Sendable {
    let pool: PostgresPool

    /// What the API may set.
    struct Input: Decodable, Sendable {
        struct ContactInput: Decodable, Sendable {
            var address: String
            var consent: Bool
            var optedOut: Bool?
            enum CodingKeys: String, CodingKey { case address, consent, optedOut = "opted_out" }
        }

        var language: Language?
        var timeZone: String?
        var email: ContactInput?
        var phone: ContactInput?
        enum CodingKeys: String, CodingKey { case language, timeZone = "time_zone", email, phone }
        static let members: Set<String> = ["language", "time_zone", "email", "phone"]
    }

    /// Records or replaces `kind`/`id`'s contacts; an opt-out keeps its first date.
    func put(
        _ kind: NotificationRecipient.Kind, _ id: UUID, organisation: OrganisationID?, input: Input, email: String?, phone: String?, caller: StaffCaller
    ) async throws -> Recipient {
        let row = try await pool.query("""
            WITH written AS (
                INSERT INTO notifications.recipients AS r (kind, id, organisation_id, language, time_zone, email, email_consent, email_opted_out_at,
                                                          phone, sms_consent, sms_opted_out_at, updated_at, updated_by)
                VALUES (\(kind.rawValue), \(id), \(organisation?.uuid), \((input.language ?? .ru).rawValue), \(input.timeZone), \(email),
                        \(input.email?.consent ?? false), CASE WHEN \(input.email?.optedOut ?? false) THEN now() END,
                        \(phone), \(input.phone?.consent ?? false), CASE WHEN \(input.phone?.optedOut ?? false) THEN now() END, now(), \(caller.actor))
                ON CONFLICT (kind, id) DO UPDATE SET
                    language = excluded.language, time_zone = excluded.time_zone, email = excluded.email, email_consent = excluded.email_consent,
                    email_opted_out_at = CASE WHEN excluded.email_opted_out_at IS NULL THEN NULL ELSE coalesce(r.email_opted_out_at, excluded.email_opted_out_at) END,
                    phone = excluded.phone, sms_consent = excluded.sms_consent,
                    sms_opted_out_at = CASE WHEN excluded.sms_opted_out_at IS NULL THEN NULL ELSE coalesce(r.sms_opted_out_at, excluded.sms_opted_out_at) END,
                    updated_at = now(), updated_by = excluded.updated_by
                WHERE r.organisation_id IS NOT DISTINCT FROM excluded.organisation_id
                RETURNING \(unescaped: Recipient.columns)
            ), audit AS (
                INSERT INTO notifications.audit_log (actor, organisation_id, action, entity, entity_id)
                SELECT \(caller.actor), \(organisation?.uuid), 'recipient.write', \(kind.rawValue), id FROM written
            )
            SELECT * FROM written
            """).single
        // Another organisation's record with this id: as absent as a missing one.
        guard let row else { throw APIProblem.notFound }
        return try Recipient(row: row)
    }

    /// `kind`/`id` in `organisation`, audited as read.
    func find(_ kind: NotificationRecipient.Kind, _ id: UUID, organisation: OrganisationID?, caller: StaffCaller) async throws -> Recipient? {
        try await pool.query("""
            WITH found AS (
                SELECT \(unescaped: Recipient.columns) FROM notifications.recipients
                WHERE kind = \(kind.rawValue) AND id = \(id) AND organisation_id IS NOT DISTINCT FROM \(organisation?.uuid)
            ), audit AS (
                INSERT INTO notifications.audit_log (actor, organisation_id, action, entity, entity_id)
                SELECT \(caller.actor), \(organisation?.uuid), 'recipient.read', \(kind.rawValue), id FROM found
            )
            SELECT * FROM found
            """).single.map { try Recipient(row: $0) }
    }
}
