import ServiceRuntime
import Foundation
import Models

/// Who is calling: the integrator an authenticated key acts for. Every query of a request is
/// scoped by ``integratorID``; every audit record names ``keyID``.
struct IntakeCaller: Sendable, Equatable {
    /// The integrator the key belongs to.
    var integratorID: IntegratorID
    /// The key that authenticated the request.
    var keyID: UUID
    /// The service whose caseload the integrator's referrals join.
    var organisationID: OrganisationID
    /// The organisation's time zone: its calendar decides "today".
    var timeZone: TimeZone
}

/// What the gate middleware learned about the request, for the generated handlers, which see only
/// the decoded input.
struct IntakeRequest: Sendable {
    /// The authenticated caller.
    var caller: IntakeCaller
    /// SHA-256 of the body as received: an `Idempotency-Key` replay must carry the same bytes.
    var bodyDigest: Data
    /// The body as received. A submission is stored as these bytes once its decoded form has
    /// passed validation: the schemas admit no undocumented fields, so nothing unchecked is kept.
    var body: String

    /// Set by `IntakeGate` for the duration of one request.
    @TaskLocal static var current: IntakeRequest?

    /// The current request's context; a route reached without the gate is a programming error,
    /// answered as a 401 rather than served unscoped.
    static func required() throws -> IntakeRequest {
        guard let current else { throw APIProblem.unauthenticated }
        return current
    }
}
