import Foundation
import IntakeAPI
import Models

/// A validated submission about to be stored, with the message that announces it. The stored
/// document is the request body as sent; the columns and the announcement take the validated,
/// trimmed values.
struct ReferralDraft: Sendable {
    var record: ReferralRecord
    var announcement: ReferralReceived
    /// The fingerprints of the minors it names, without repeats: intake counts those it has seen
    /// before at the same service and adds the count to ``announcement``.
    var minorFingerprints: [Data]

    /// An agency's referral, validated, and its request body as stored.
    init(
        _ submission: Components.Schemas.ReferralSubmission, body: String, caller: IntakeCaller, now: Date, fingerprinter: MinorFingerprinter
    ) {
        let id = ReferralID(UUID.v7(at: now))
        let minors = submission.minors.count
        let schoolName = submission.place?.schoolName ?? submission.minors.lazy.compactMap(\.schoolName).first
        record = ReferralRecord(
            id: id, kind: .agencyReferral, referenceNumber: submission.source.reference.number,
            referenceDate: submission.source.reference.date,
            submission: body, receivedAt: now)
        announcement = ReferralReceived(
            referralID: id, integratorID: caller.integratorID, organisationID: caller.organisationID, kind: .agencyReferral,
            source: ReferralSource(
                kind: ReferralSourceKind(rawValue: submission.source.kind.rawValue) ?? .other,
                organisationName: submission.source.organisationName,
                reference: LocalDate(submission.source.reference.date).map {
                    SenderReference(number: submission.source.reference.number, date: $0)
                }),
            nature: ReferralNature(rawValue: submission.nature.rawValue) ?? .conflict,
            requestedResponses: submission.requestedResponses.compactMap { RequestedResponse(rawValue: $0.rawValue) },
            occurredOn: LocalDate(submission.occurredOn) ?? LocalDate(containing: now, in: caller.timeZone),
            schoolName: schoolName,
            className: submission.place?.className,
            minorCount: minors,
            partyCount: minors + (submission.legalRepresentatives?.count ?? 0) + (submission.adultParties?.count ?? 0),
            senderDeadline: submission.senderDeadline.flatMap(LocalDate.init),
            receivedAt: now)
        minorFingerprints = Array(Set(submission.minors.map {
            fingerprinter.fingerprint(lastName: $0.name.lastName, firstName: $0.name.firstName, birthDate: $0.birthDate)
        }))
    }

    /// A school's identification of a child for accompaniment: a dropout-risk referral from the
    /// school, asking for accompaniment.
    init(
        _ submission: Components.Schemas.SchoolIdentificationSubmission, body: String, caller: IntakeCaller, now: Date,
        fingerprinter: MinorFingerprinter
    ) {
        let id = ReferralID(UUID.v7(at: now))
        record = ReferralRecord(
            id: id, kind: .schoolIdentification, referenceNumber: submission.reference.number,
            referenceDate: submission.reference.date,
            submission: body, receivedAt: now)
        announcement = ReferralReceived(
            referralID: id, integratorID: caller.integratorID, organisationID: caller.organisationID, kind: .schoolIdentification,
            source: ReferralSource(
                kind: .school, organisationName: submission.schoolName,
                reference: LocalDate(submission.reference.date).map { SenderReference(number: submission.reference.number, date: $0) }),
            nature: .dropoutRisk,
            requestedResponses: [.accompaniment],
            occurredOn: LocalDate(submission.identifiedOn) ?? LocalDate(containing: now, in: caller.timeZone),
            schoolName: submission.schoolName,
            className: submission.student.className,
            minorCount: 1,
            partyCount: 1 + (submission.legalRepresentatives?.count ?? 0),
            senderDeadline: nil,
            receivedAt: now)
        let student = submission.student
        minorFingerprints = [fingerprinter.fingerprint(lastName: student.name.lastName, firstName: student.name.firstName, birthDate: student.birthDate)]
    }
}
