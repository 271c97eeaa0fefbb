import Foundation
import IntakeAPI
import Models
import Postgres

/// A referral as intake stores it: the validated submission (JSON), its sender reference and
/// what became of it.
struct ReferralRecord: Sendable {
    struct StatusStep: Sendable {
        var status: ReferralStatus
        var outcome: CaseOutcome?
        var at: Date
    }

    var id: ReferralID
    var kind: ReferralKind
    var status: ReferralStatus
    var outcome: CaseOutcome?
    var referenceNumber: String
    var referenceDate: String
    /// The submission, as the integrator sent it: the request body's text.
    var submission: String
    var receivedAt: Date
    var updatedAt: Date
    /// Changes after `received`, oldest first.
    var laterSteps: [StatusStep]

    /// The referral as the API shows it, without the submission: what became of it. A `201` and
    /// its replays repeat none of the personal data the sender just sent; a read adds the
    /// submission as sent (``submissionMember``, written in by ``SubmissionAsSent``).
    var apiReferral: Components.Schemas.Referral {
        Components.Schemas.Referral(
            id: id.description,
            kind: Components.Schemas.ReferralKind(rawValue: kind.rawValue) ?? .agencyReferral,
            status: Components.Schemas.ReferralStatus(rawValue: status.rawValue) ?? .received,
            outcome: outcome.flatMap { Components.Schemas.CaseOutcome(rawValue: $0.rawValue) },
            reference: .init(number: referenceNumber, date: referenceDate),
            receivedAt: receivedAt,
            updatedAt: updatedAt,
            statusHistory: ([StatusStep(status: .received, at: receivedAt)] + laterSteps).map {
                .init(
                    status: Components.Schemas.ReferralStatus(rawValue: $0.status.rawValue) ?? .received, at: $0.at,
                    outcome: $0.outcome.flatMap { Components.Schemas.CaseOutcome(rawValue: $0.rawValue) })
            })
    }

    /// The member of `Referral` that carries the submission, by kind, and its JSON text.
    var submissionMember: (name: String, json: String) {
        (kind == .schoolIdentification ? "school_identification" : "referral", submission)
    }

    /// The referral as it was when created: what the `201` said, and what a replay repeats.
    var asCreated: ReferralRecord {
        var record = self
        record.status = .received
        record.outcome = nil
        record.updatedAt = receivedAt
        record.laterSteps = []
        return record
    }

    /// The columns `ReferralStore` selects, in order.
    static let columns: StaticString = """
        r.id, r.kind, r.status, r.outcome, r.reference_number, r.reference_date::text, r.submission,
        r.received_at, r.updated_at
        """

    init(row: PostgresRow, laterSteps: [StatusStep] = []) throws {
        id = ReferralID(try row.decode(UUID.self, at: 0))
        kind = ReferralKind(rawValue: try row.decode(String.self, at: 1)) ?? .agencyReferral
        status = ReferralStatus(rawValue: try row.decode(String.self, at: 2)) ?? .received
        outcome = try row.decode(String?.self, at: 3).flatMap(CaseOutcome.init(rawValue:))
        referenceNumber = try row.decode(String.self, at: 4)
        referenceDate = try row.decode(String.self, at: 5)
        submission = try row.decode(String.self, at: 6)
        receivedAt = try row.decode(Date.self, at: 7)
        updatedAt = try row.decode(Date.self, at: 8)
        self.laterSteps = laterSteps
    }

    init(
        id: ReferralID, kind: ReferralKind, referenceNumber: String, referenceDate: String, submission: String, receivedAt: Date
    ) {
        self.id = id
        self.kind = kind
        status = .received
        self.referenceNumber = referenceNumber
        self.referenceDate = referenceDate
        self.submission = submission
        self.receivedAt = receivedAt
        updatedAt = receivedAt
        laterSteps = []
    }
}
