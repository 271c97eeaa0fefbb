import Foundation
import Models
import Postgres

/// What the municipal administrator does with integrators and their keys (`accord intake …`).
/// Every change is written to the audit log with actor `admin`.
public struct IntegratorAdministration: Sendable {
    /// An integrator as listed.
    public struct Integrator: Codable, Sendable {
        /// Its id, which keys are issued for.
        @CanonicalUUID public var id: UUID
        /// Its name («КДНиЗП Соликамского ГО»).
        public var name: String
        /// What kind of sender it is (a `ReferralSourceKind` raw value).
        public var kind: String
        /// The service whose caseload its referrals join.
        @CanonicalUUID public var organisationId: UUID
        /// The organisation's IANA time zone.
        public var timeZone: String
        /// When it was registered.
        public var createdAt: Date
        /// When it was stopped, if it was.
        public var deactivatedAt: Date?
        /// Keys that currently authenticate.
        public var activeKeys: Int
    }

    /// A key as listed: never its secret.
    public struct Key: Codable, Sendable {
        /// The key's id (the part after `acc_`, with dashes).
        @CanonicalUUID public var id: UUID
        /// Whose key it is.
        @CanonicalUUID public var integratorId: UUID
        /// The administrator's note.
        public var label: String?
        /// When it was issued.
        public var createdAt: Date
        /// When a rotation ends its validity.
        public var expiresAt: Date?
        /// When it was revoked.
        public var revokedAt: Date?
        /// `active`, `expiring` (rotated out, valid until `expiresAt`), `expired` or `revoked`.
        public var state: String
    }

    /// A newly issued key: the only time its text exists outside the integrator's hands.
    public struct IssuedKey: Codable, Sendable {
        /// Whose key it is.
        @CanonicalUUID public var integratorId: UUID
        /// The key's id, for `keys rotate` and `keys revoke`.
        @CanonicalUUID public var keyId: UUID
        /// `acc_…`: give it to the integrator; it cannot be shown again.
        public var key: String
        /// With a rotation: the old key.
        @CanonicalUUID public var replacesKeyId: UUID? = nil
        /// With a rotation: when the old key stops working.
        public var replacedKeyExpiresAt: Date?
    }

    /// A request the administration refuses, with a message for the administrator.
    public struct Refusal: Error, CustomStringConvertible {
        /// What was refused and why, for the administrator.
        public let description: String
    }

    let pool: PostgresPool

    /// Administration over `pool`'s database.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Registers an integrator whose referrals join `organisationID`'s caseload.
    public func createIntegrator(name: String, kind: String, organisationID: UUID, timeZone: String) async throws -> Integrator {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...300).contains(name.count) else { throw Refusal(description: "the name must have 1 to 300 characters") }
        guard ReferralSourceKind(rawValue: kind) != nil else {
            throw Refusal(description: "the kind must be one of: \(ReferralSourceKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard TimeZone(identifier: timeZone) != nil else {
            throw Refusal(description: "\(timeZone) is not an IANA time zone such as Asia/Yekaterinburg")
        }
        let id = UUID.v7()
        do {
            try await pool.query("""
                WITH integrator AS (
                    INSERT INTO intake.integrators (id, name, kind, organisation_id, time_zone)
                    VALUES (\(id), \(name), \(kind), \(organisationID), \(timeZone))
                )
                INSERT INTO intake.audit_log (integrator_id, action, actor) VALUES (\(id), 'integrator.create', 'admin')
                """)
        } catch let error as PostgresError where error.kind == .uniqueViolation {
            throw Refusal(description: "an integrator with this name already exists")
        }
        return try await integrators().first { $0.id == id }!
    }

    /// Every integrator, oldest first.
    public func integrators() async throws -> [Integrator] {
        try await pool.query("""
            SELECT i.id, i.name, i.kind, i.organisation_id, i.time_zone, i.created_at, i.deactivated_at,
                   (SELECT count(*) FROM intake.api_keys k WHERE k.integrator_id = i.id AND k.revoked_at IS NULL
                      AND (k.expires_at IS NULL OR k.expires_at > now()))
            FROM intake.integrators i ORDER BY i.created_at, i.id
            """).map {
            Integrator(
                id: try $0.decode(UUID.self, at: 0), name: try $0.decode(String.self, at: 1), kind: try $0.decode(String.self, at: 2),
                organisationId: try $0.decode(UUID.self, at: 3), timeZone: try $0.decode(String.self, at: 4),
                createdAt: try $0.decode(Date.self, at: 5), deactivatedAt: try $0.decode(Date?.self, at: 6),
                activeKeys: try $0.decode(Int.self, at: 7))
        }
    }

    /// Stops an integrator: its keys stop working (within the key cache period) and stay listed.
    public func deactivate(integratorID: UUID) async throws {
        let rows = try await pool.query("""
            WITH stopped AS (
                UPDATE intake.integrators SET deactivated_at = now() WHERE id = \(integratorID) AND deactivated_at IS NULL RETURNING id
            ), audit AS (
                INSERT INTO intake.audit_log (integrator_id, action, actor) SELECT id, 'integrator.deactivate', 'admin' FROM stopped
            )
            SELECT id FROM stopped
            """)
        guard rows.count == 1 else { throw Refusal(description: "no active integrator has this id") }
    }

    /// Issues a new key for an active integrator.
    public func issueKey(integratorID: UUID, label: String?) async throws -> IssuedKey {
        let key = APIKey.generate()
        let rows = try await pool.query("""
            WITH issued AS (
                INSERT INTO intake.api_keys (id, integrator_id, secret_sha256, label)
                SELECT \(key.id), id, \(key.secretDigest), \(label) FROM intake.integrators
                WHERE id = \(integratorID) AND deactivated_at IS NULL
                RETURNING id, integrator_id
            ), audit AS (
                INSERT INTO intake.audit_log (integrator_id, key_id, action, actor) SELECT integrator_id, id, 'key.issue', 'admin' FROM issued
            )
            SELECT id FROM issued
            """)
        guard rows.count == 1 else { throw Refusal(description: "no active integrator has this id") }
        return IssuedKey(integratorId: integratorID, keyId: key.id, key: key.text)
    }

    /// Replaces a key: a new key is issued and the old one keeps working for `overlap`, so the
    /// integrator can deploy the new one without a gap.
    public func rotate(keyID: UUID, overlap: Duration) async throws -> IssuedKey {
        let key = APIKey.generate()
        let row = try await pool.query("""
            WITH old AS (
                UPDATE intake.api_keys
                SET expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => \(overlap.totalSeconds)))
                WHERE id = \(keyID) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                  AND integrator_id IN (SELECT id FROM intake.integrators WHERE deactivated_at IS NULL)
                RETURNING integrator_id, label, expires_at
            ), issued AS (
                INSERT INTO intake.api_keys (id, integrator_id, secret_sha256, label)
                SELECT \(key.id), integrator_id, \(key.secretDigest), label FROM old
                RETURNING integrator_id
            ), audit AS (
                INSERT INTO intake.audit_log (integrator_id, key_id, action, actor)
                SELECT integrator_id, \(keyID), 'key.rotate', 'admin' FROM old
            )
            SELECT integrator_id, expires_at FROM old
            """).single
        guard let row else { throw Refusal(description: "no active, unexpired key has this id") }
        return IssuedKey(
            integratorId: try row.decode(UUID.self, at: 0), keyId: key.id, key: key.text, replacesKeyId: keyID,
            replacedKeyExpiresAt: try row.decode(Date.self, at: 1))
    }

    /// Revokes a key at once (within the key cache period, 5 s by default).
    public func revoke(keyID: UUID) async throws {
        let rows = try await pool.query("""
            WITH revoked AS (
                UPDATE intake.api_keys SET revoked_at = now() WHERE id = \(keyID) AND revoked_at IS NULL RETURNING id, integrator_id
            ), audit AS (
                INSERT INTO intake.audit_log (integrator_id, key_id, action, actor) SELECT integrator_id, id, 'key.revoke', 'admin' FROM revoked
            )
            SELECT id FROM revoked
            """)
        guard rows.count == 1 else { throw Refusal(description: "no unrevoked key has this id") }
    }

    /// Keys, of one integrator or of all, oldest first.
    public func keys(integratorID: UUID?) async throws -> [Key] {
        try await pool.query("""
            SELECT id, integrator_id, label, created_at, expires_at, revoked_at,
                   CASE WHEN revoked_at IS NOT NULL THEN 'revoked'
                        WHEN expires_at IS NULL THEN 'active'
                        WHEN expires_at > now() THEN 'expiring'
                        ELSE 'expired' END
            FROM intake.api_keys WHERE \(integratorID)::uuid IS NULL OR integrator_id = \(integratorID)
            ORDER BY created_at, id
            """).map {
            Key(
                id: try $0.decode(UUID.self, at: 0), integratorId: try $0.decode(UUID.self, at: 1), label: try $0.decode(String?.self, at: 2),
                createdAt: try $0.decode(Date.self, at: 3), expiresAt: try $0.decode(Date?.self, at: 4),
                revokedAt: try $0.decode(Date?.self, at: 5), state: try $0.decode(String.self, at: 6))
        }
    }
}
