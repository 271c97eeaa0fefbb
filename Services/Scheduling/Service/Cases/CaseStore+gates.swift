import Foundation
import Models
import Postgres

/// What a case must have before it may take a step, beyond the procedure's order of steps: the
/// seeds' rules made checkable. Each gate reads only the case's own rows.
extension CaseStore {
    /// The outcomes that need a reason, for the report's «not completed, with reasons».
    static let outcomesWithReason: Set<CaseOutcome> = [.notReconciled, .refused, .transferred]

    /// Refuses a move the case's own data does not support yet.
    static func checkGates(
        moving record: CaseRecord, to target: CaseState, outcome: CaseOutcome?, reason: ClosingReason?,
        in connection: PostgresConnection
    ) async throws {
        if let outcome, outcomesWithReason.contains(outcome), reason == nil {
            throw SchedulingRefusal(
                .conflict, code: "reason_required", message: "Closing as «\(outcome.localizedNames.en)» needs a closing_reason.",
                messageRu: "Для итога «\(outcome.localizedNames.ru)» укажите причину (closing_reason).")
        }
        if reason != nil, !(outcome.map(outcomesWithReason.contains) ?? false) {
            throw SchedulingRefusal(
                .conflict, code: "reason_not_allowed", message: "A closing_reason goes only with not reconciled, refused or transferred.",
                messageRu: "Причина указывается только для итогов «не примирились», «отказ» и «передано».")
        }
        switch target {
        case .restorative(.assigned), .accompaniment(.curatorChosen):
            guard record.specialistID != nil else {
                throw SchedulingRefusal(
                    .conflict, code: "specialist_missing", message: "Assign a specialist to the case first (PUT …/specialist).",
                    messageRu: "Сначала назначьте специалиста (PUT …/specialist).")
            }
        case .restorative(.preparation) where record.state == .restorative(.consentPending):
            try await checkConsents(of: record, in: connection)
        case .restorative(.mainMeeting):
            try await checkPreliminaryMeetings(of: record, in: connection)
        case .accompaniment(.supportPlan) where record.state == .accompaniment(.evaluated):
            try await checkNewSupportPlan(of: record, in: connection)
        case .restorative(.agreement):
            let agreements = try await connection.query("""
                SELECT count(*) FROM scheduling.agreements a JOIN scheduling.agreement_terms t ON t.agreement_id = a.id
                WHERE a.case_id = \(record.id.uuid)
                """).single?.decode(Int.self, at: 0) ?? 0
            guard agreements > 0 else {
                throw SchedulingRefusal(
                    .conflict, code: "agreement_missing", message: "Record the agreement and its terms first (PUT …/agreement).",
                    messageRu: "Сначала внесите примирительный договор и его условия (PUT …/agreement).")
            }
        default:
            break
        }
        if outcome == .agreementFulfilled {
            let open = try await connection.query("""
                SELECT count(*) FROM scheduling.agreements a JOIN scheduling.agreement_terms t ON t.agreement_id = a.id
                WHERE a.case_id = \(record.id.uuid) AND t.fulfilled IS NOT TRUE
                """).single?.decode(Int.self, at: 0) ?? 0
            guard open == 0 else {
                throw SchedulingRefusal(
                    .conflict, code: "agreement_terms_open",
                    message: "\(open) term(s) of the agreement are not checked as kept; the agreement is not fulfilled.",
                    messageRu: "Условий договора, не отмеченных как исполненные: \(open); договор не исполнен.")
            }
        }
    }

    /// Seed 001 I.6, seed 000 №11: no programme with a minor without the consent of a legal
    /// representative. Every minor party needs a standing consent to programme participation,
    /// given by one of their own representatives; a referral that names minors needs them recorded.
    /// With `meeting`, only the minors among those parties are checked (a minor added after the
    /// gate is not met before their consent is in).
    static func checkConsents(of record: CaseRecord, meeting: [UUID]? = nil, in connection: PostgresConnection) async throws {
        if let shortfall = try await consentShortfall(of: record, meeting: meeting, in: connection) { throw shortfall }
    }

    /// What ``checkConsents(of:meeting:in:)`` would refuse, or `nil` when every consent is in.
    /// A database error is thrown, never taken for a missing consent: a withdrawal must not stop
    /// a programme because a query failed.
    static func consentShortfall(of record: CaseRecord, meeting: [UUID]? = nil, in connection: PostgresConnection) async throws -> SchedulingRefusal? {
        let counts = try await connection.query("""
            SELECT count(*),
                   count(*) FILTER (WHERE NOT EXISTS (
                       SELECT 1 FROM scheduling.consents c JOIN scheduling.parties r ON r.id = c.given_by_id
                       WHERE c.minor_id = m.id AND c.withdrawn_on IS NULL AND 'programme_participation' = ANY (c.scopes)
                         AND r.role = 'legal_representative' AND r.represents_id = m.id))
            FROM scheduling.parties m
            WHERE m.case_id = \(record.id.uuid) AND m.role = 'minor' AND (\(meeting)::uuid[] IS NULL OR m.id = ANY (\(meeting)::uuid[]))
            """).single
        let minors = try counts?.decode(Int.self, at: 0) ?? 0
        let withoutConsent = try counts?.decode(Int.self, at: 1) ?? 0
        if meeting == nil, minors < record.minorCount {
            return SchedulingRefusal(
                .conflict, code: "parties_missing",
                message: "The referral names \(record.minorCount) minor(s) but \(minors) are recorded; record every minor and their consent.",
                messageRu: "В заявке несовершеннолетних: \(record.minorCount), внесено: \(minors); внесите всех и их согласия.")
        }
        guard withoutConsent == 0 else {
            return SchedulingRefusal(
                .conflict, code: "consent_missing",
                message: "\(withoutConsent) minor(s) have no standing consent of a legal representative to take part in the programme.",
                messageRu: "Нет действующего согласия законного представителя на участие в программе для несовершеннолетних: \(withoutConsent).")
        }
        return nil
    }

    /// Seed 003, step 8: the case conference continues the work «по плану» — a new one. Going on
    /// from «evaluated» needs an active support plan drawn up since the case was last evaluated
    /// (the evaluated plan completed, its successor started).
    static func checkNewSupportPlan(of record: CaseRecord, in connection: PostgresConnection) async throws {
        let drawnUp = try await connection.query("""
            SELECT EXISTS (
                SELECT 1 FROM scheduling.support_plans p
                WHERE p.case_id = \(record.id.uuid) AND p.status = 'active'
                  AND p.created_at >= (SELECT max(at) FROM scheduling.case_moves WHERE case_id = \(record.id.uuid) AND to_state = 'evaluated'))
            """).single?.decode(Bool.self, at: 0) ?? false
        guard drawnUp else {
            throw SchedulingRefusal(
                .conflict, code: "new_support_plan_missing",
                message: "To continue the work, complete the evaluated support plan and start a new one (POST …/support-plans) first.",
                messageRu: "Чтобы продолжить работу, завершите оценённый план поддержки и начните новый (POST …/support-plans).")
        }
    }

    /// «Each party is met separately first»: every party but supporters and representatives
    /// has been at a preliminary meeting that was held.
    static func checkPreliminaryMeetings(of record: CaseRecord, in connection: PostgresConnection) async throws {
        let counts = try await connection.query("""
            SELECT count(*),
                   count(*) FILTER (WHERE NOT EXISTS (
                       SELECT 1 FROM scheduling.meetings m
                       WHERE m.case_id = p.case_id AND m.kind = 'preliminary' AND m.status = 'held' AND p.id = ANY (m.party_ids)))
            FROM scheduling.parties p
            WHERE p.case_id = \(record.id.uuid) AND p.role NOT IN ('supporter', 'legal_representative')
            """).single
        let sides = try counts?.decode(Int.self, at: 0) ?? 0
        let unmet = try counts?.decode(Int.self, at: 1) ?? 0
        // Nobody recorded means nobody was met.
        guard sides > 0 else {
            throw SchedulingRefusal(
                .conflict, code: "parties_missing", message: "Record the parties, and meet each at a preliminary meeting, first.",
                messageRu: "Сначала внесите стороны и проведите предварительную встречу с каждой.")
        }
        guard unmet == 0 else {
            throw SchedulingRefusal(
                .conflict, code: "preliminary_meetings_missing",
                message: "\(unmet) part(y/ies) have not been met at a preliminary meeting yet.",
                messageRu: "Сторон без проведённой предварительной встречи: \(unmet).")
        }
    }
}
