import Foundation
import Models
import Postgres

extension ReferralStore {
    /// One page of a referral list.
    struct Page: Sendable {
        var items: [ReferralRecord]
        var next: ReferralCursor?
    }

    /// The caller's referrals in the order their status last changed, oldest first, so that an
    /// integrator polling with `since` sees a referral again when it changes instead of missing it.
    /// Each listed referral is audited as `referral.list`.
    func list(caller: IntakeCaller, status: ReferralStatus?, since: Date?, after cursor: ReferralCursor?, limit: Int) async throws -> Page {
        // Not prepared: planned with the actual values, the absent filters fold away and the
        // status filter can use its index (a generic plan could do neither).
        let rows = try await pool.query("""
            WITH page AS (
                SELECT * FROM intake.referrals
                WHERE integrator_id = \(caller.integratorID.uuid)
                  AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
                  AND (\(since)::timestamptz IS NULL OR updated_at >= \(since))
                  AND (\(cursor?.updatedAt)::timestamptz IS NULL OR (updated_at, id) > (\(cursor?.updatedAt), \(cursor?.id.uuid)))
                ORDER BY updated_at, id
                LIMIT \(limit + 1)
            ), audit AS (
                -- Only what the caller is shown: the extra row that tells whether a next page exists is not.
                INSERT INTO intake.audit_log (integrator_id, key_id, action, referral_id)
                SELECT integrator_id, \(caller.keyID), 'referral.list', id FROM (SELECT * FROM page ORDER BY updated_at, id LIMIT \(limit)) shown
            )
            SELECT \(unescaped: ReferralRecord.columns) FROM page r ORDER BY r.updated_at, r.id
            """)
        var items = try rows.map { try ReferralRecord(row: $0) }
        var next: ReferralCursor?
        if items.count > limit {
            items.removeLast()
            next = items.last.map { ReferralCursor(updatedAt: $0.updatedAt, id: $0.id) }
        }
        return Page(items: items, next: next)
    }
}

/// Where a list page ended: the (updated_at, id) of its last referral, to the microsecond.
/// Opaque to integrators: base64url of `<microseconds since 1970>.<uuid>`.
struct ReferralCursor: Sendable, Equatable {
    var updatedAt: Date
    var id: ReferralID

    init(updatedAt: Date, id: ReferralID) {
        // Whole microseconds, as PostgreSQL stores them, so the comparison is exact.
        self.updatedAt = Date(timeIntervalSince1970: (updatedAt.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
        self.id = id
    }

    init?(_ text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 200, let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else { return nil }
        let parts = plain.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let micros = Int64(parts[0]), micros >= 0, let uuid = UUID(uuidString: String(parts[1])) else {
            return nil
        }
        self.init(updatedAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), id: ReferralID(uuid))
    }

    var text: String {
        let micros = Int64((updatedAt.timeIntervalSince1970 * 1_000_000).rounded())
        return Data("\(micros).\(id.uuid.uuidString.lowercased())".utf8).base64URLEncoded
    }
}
