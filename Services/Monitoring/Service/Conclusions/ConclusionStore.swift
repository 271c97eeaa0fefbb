import Foundation
import Models
import Postgres

/// Conclusions as prepared and kept: the record of what was disclosed, to whom, by whom.
enum ConclusionStore {
    /// A kept conclusion: the request it answers and the document.
    struct Kept: Sendable {
        var id: UUID
        var requestedBy: String
        var requestReference: String
        var requestedOn: LocalDate
        var preparedBy: String
        var preparedAt: Date
        var document: CaseConclusion
    }

    /// Prepares a conclusion on a case of the caller's organisation (its head only) and keeps it.
    static func prepare(
        case id: UUID, requestedBy: String, reference: String, requestedOn: LocalDate, by access: ReportAccess, on connection: PostgresConnection
    ) async throws -> Kept {
        guard let document = try await CaseConclusion.draw(case: id, organisation: access.organisation, on: connection) else {
            throw ReportRefusal.notFound
        }
        guard access.caller.role == .head else { throw ReportRefusal.forbidden }
        let kept = Kept(
            id: UUID.v7(), requestedBy: requestedBy, requestReference: reference, requestedOn: requestedOn, preparedBy: access.caller.actor,
            preparedAt: Date(), document: document)
        try await connection.query("""
            INSERT INTO monitoring.conclusions (id, case_id, organisation_id, requested_by, request_reference, requested_on, prepared_by, prepared_at, document)
            VALUES (\(kept.id), \(id), \(access.organisation), \(requestedBy), \(reference), \(requestedOn.description)::date, \(kept.preparedBy),
                    \(kept.preparedAt), \(try PostgresJSONCoding.encode(document))::jsonb)
            """)
        return kept
    }

    /// A conclusion of the caller's organisation.
    static func find(_ id: UUID, by access: ReportAccess, on connection: PostgresConnection) async throws -> Kept? {
        guard let row = try await connection.query("""
            SELECT requested_by, request_reference, requested_on::text, prepared_by, prepared_at, document::text
            FROM monitoring.conclusions WHERE id = \(id) AND organisation_id = \(access.organisation)
            """).first else { return nil }
        return Kept(
            id: id, requestedBy: try row.decode(String.self, at: 0), requestReference: try row.decode(String.self, at: 1),
            requestedOn: LocalDate(try row.decode(String.self, at: 2))!, preparedBy: try row.decode(String.self, at: 3),
            preparedAt: try row.decode(Date.self, at: 4),
            document: try PostgresJSONCoding.decoder().decode(CaseConclusion.self, from: Data(try row.decode(String.self, at: 5).utf8)))
    }
}
