import Foundation
import Models
import Postgres

/// A conclusion on the work with a family or teen (seed 001 II.3, seed 000 №18), drawn from the
/// case's history as monitoring holds it. It can only say what the facts say: dates and kinds of
/// steps, meetings held, the programme, the agreement and how it was kept, the outcome, and a
/// pupil's attendance, behaviour and performance. Monitoring never had names or anything said
/// in a programme, so the document cannot disclose them.
struct CaseConclusion: Codable, Sendable, Equatable {
    /// One dated step of the case.
    struct Step: Codable, Sendable, Equatable {
        var on: Date
        /// `referral_received`, `case_opened`, `first_contact`, `programme_started`, `meeting_held:<kind>`, `agreement_reached`, `closed`.
        var what: String
        var detail: String?
    }

    /// One student profile record.
    struct Profile: Codable, Sendable, Equatable {
        var on: LocalDate
        var attendancePercent: Double
        var behaviour: Int
        var performance: Int
    }

    /// One support plan intervention: the catalogue's terms and dates.
    struct Intervention: Codable, Sendable, Equatable {
        var area: String
        var kind: String?
        var startsOn: LocalDate
        var endsOn: LocalDate
        var status: String
    }

    var caseID: UUID
    var organisationID: UUID
    var kind: String
    var nature: String?
    var steps: [Step]
    var meetingsHeld: Int
    var programmeKind: String?
    var agreementTerms: Int?
    var agreementTermsKept: Int?
    var outcome: String?
    var closingReason: String?
    var profiles: [Profile]
    /// The support plan's interventions, by start; the pupil's dynamics are read against them.
    var interventions: [Intervention]

    /// The case's history from the facts, if monitoring knows the case in `organisation`.
    static func draw(case id: UUID, organisation: UUID, on connection: PostgresConnection) async throws -> CaseConclusion? {
        let opened = try await connection.query("""
            SELECT kind, nature, referral_received_at, opened_at FROM monitoring.cases WHERE case_id = \(id) AND organisation_id = \(organisation)
            """).first
        let closing = try await connection.query("""
            SELECT kind, nature, outcome, closing_reason, programme_kind, referral_received_at, first_contact_at, closed_at
            FROM monitoring.case_closings WHERE case_id = \(id) AND organisation_id = \(organisation)
            """).first
        guard opened != nil || closing != nil else { return nil }
        var steps: [Step] = []
        let received = try opened?.decode(Date.self, at: 2) ?? closing?.decode(Date.self, at: 5)
        if let received { steps.append(Step(on: received, what: "referral_received")) }
        if let openedAt = try opened?.decode(Date.self, at: 3) { steps.append(Step(on: openedAt, what: "case_opened")) }
        let meetings = try await connection.query("""
            SELECT starts_at, kind FROM monitoring.meetings WHERE case_id = \(id) AND organisation_id = \(organisation) ORDER BY starts_at
            """).map { Step(on: try $0.decode(Date.self, at: 0), what: "meeting_held:\(try $0.decode(String.self, at: 1))") }
        // A contact before receipt is not one (older scheduling versions dated a consent to 00:00 of its day).
        let firstContact = [try closing?.decode(Date?.self, at: 6), meetings.first?.on].compactMap { $0 }
            .filter { contact in received.map { contact >= $0 } ?? true }.min()
        if let firstContact { steps.append(Step(on: firstContact, what: "first_contact")) }
        let programme = try await connection.query("""
            SELECT started_at, kind FROM monitoring.programmes WHERE case_id = \(id) AND organisation_id = \(organisation) ORDER BY started_at LIMIT 1
            """).first
        if let programme { steps.append(Step(on: try programme.decode(Date.self, at: 0), what: "programme_started", detail: try programme.decode(String.self, at: 1))) }
        steps += meetings
        let agreement = try await connection.query("""
            SELECT reached_on::text, term_count, fulfilled_count FROM monitoring.agreements WHERE case_id = \(id) AND organisation_id = \(organisation)
            ORDER BY reached_on DESC LIMIT 1
            """).first
        if let agreement, let reached = LocalDate(try agreement.decode(String.self, at: 0)) {
            // A day without a time: placed at its end, after the meeting it was reached at.
            steps.append(Step(on: reached.adding(days: 1).start(in: .gmt).addingTimeInterval(-1), what: "agreement_reached"))
        }
        if let closedAt = try closing?.decode(Date.self, at: 7) {
            steps.append(Step(on: closedAt, what: "closed", detail: try closing?.decode(String.self, at: 2)))
        }
        let profiles = try await connection.query("""
            SELECT recorded_on::text, attendance_percent, behaviour, performance FROM monitoring.student_profiles
            WHERE case_id = \(id) AND organisation_id = \(organisation) ORDER BY recorded_on
            """).compactMap { row -> Profile? in
            guard let day = LocalDate(try row.decode(String.self, at: 0)) else { return nil }
            return Profile(on: day, attendancePercent: try row.decode(Double.self, at: 1), behaviour: try row.decode(Int.self, at: 2), performance: try row.decode(Int.self, at: 3))
        }
        let interventions = try await connection.query("""
            SELECT area, kind, starts_on::text, ends_on::text, status FROM monitoring.interventions
            WHERE case_id = \(id) AND organisation_id = \(organisation) ORDER BY starts_on, intervention_id
            """).compactMap { row -> Intervention? in
            guard let starts = LocalDate(try row.decode(String.self, at: 2)), let ends = LocalDate(try row.decode(String.self, at: 3)) else { return nil }
            return Intervention(area: try row.decode(String.self, at: 0), kind: try row.decode(String?.self, at: 1), startsOn: starts, endsOn: ends,
                status: try row.decode(String.self, at: 4))
        }
        return CaseConclusion(
            caseID: id, organisationID: organisation, kind: try opened?.decode(String.self, at: 0) ?? closing!.decode(String.self, at: 0),
            nature: try opened?.decode(String.self, at: 1) ?? closing?.decode(String.self, at: 1),
            steps: steps.sorted { $0.on < $1.on }, meetingsHeld: meetings.count,
            programmeKind: try programme?.decode(String.self, at: 1) ?? closing?.decode(String?.self, at: 4),
            agreementTerms: try agreement?.decode(Int.self, at: 1), agreementTermsKept: try agreement?.decode(Int.self, at: 2),
            outcome: try closing?.decode(String.self, at: 2), closingReason: try closing?.decode(String?.self, at: 3), profiles: profiles,
            interventions: interventions)
    }
}
