import Foundation
import JWTKit
import Models

/// The claims of a staff token: who, in which organisation, in which role, until when. Signed
/// with HS256 by ``StaffTokens``; nothing in it is personal data.
struct StaffToken: JWTPayload {
    /// The person, for the audit log.
    var sub: SubjectClaim
    /// When the token stops being accepted.
    var exp: ExpirationClaim
    /// When it was issued.
    var iat: IssuedAtClaim
    /// Always `accord`.
    var iss: IssuerClaim
    /// The organisation's id.
    var org: String
    /// `head`, `specialist` or `administrator`.
    var role: String
    /// The specialist the person is, if any.
    var spec: String?
    /// When the token starts being accepted, if it says. Accord issues none, but a token that
    /// carries one is held to it (RFC 7519 §4.1.5).
    var nbf: NotBeforeClaim?

    /// The only issuer accepted.
    static let issuer = "accord"

    /// How far ahead of this service's clock a token's `nbf` may be: the clock skew between the
    /// machine that issued it and this one, no more.
    static let notBeforeLeeway: TimeInterval = 60

    func verify(using algorithm: some JWTAlgorithm) throws {
        try exp.verifyNotExpired()
        if let nbf {
            try nbf.verifyNotBefore(currentDate: Date().addingTimeInterval(Self.notBeforeLeeway))
        }
        guard iss.value == Self.issuer else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "unknown issuer") }
    }

    /// The caller the token speaks for, if its claims are well formed.
    var caller: StaffCaller? {
        guard let organisation = OrganisationID(org), let role = StaffRole(rawValue: role) else { return nil }
        let specialist = spec.map(SpecialistID.init)
        guard spec == nil || specialist! != nil else { return nil }
        return StaffCaller(organisationID: organisation, role: role, subject: sub.value, specialistID: specialist ?? nil)
    }
}

/// Issues and checks staff tokens with one shared secret (`STAFF_TOKEN_SECRET`, the same for every
/// service with a staff API), until staff tools get a login of their own.
public struct StaffTokens: Sendable {
    private let keys: JWTKeyCollection

    /// The shortest secret accepted: 32 bytes, a full HS256 key.
    public static let minimumSecretBytes = 32

    /// A secret shorter than ``StaffTokens/minimumSecretBytes``.
    public struct SecretTooShort: Error, Equatable {}

    /// Tokens signed with `secret`.
    ///
    /// - Throws: ``SecretTooShort`` for a secret shorter than 32 bytes.
    public init(secret: String) async throws {
        guard secret.utf8.count >= Self.minimumSecretBytes else { throw SecretTooShort() }
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    }

    /// A token for `caller`, valid for `lifetime` from `now`.
    public func issue(for caller: StaffCaller, lifetime: TimeInterval, now: Date = Date()) async throws -> String {
        try await keys.sign(StaffToken(
            sub: SubjectClaim(value: caller.subject), exp: ExpirationClaim(value: now.addingTimeInterval(lifetime)),
            iat: IssuedAtClaim(value: now), iss: IssuerClaim(value: StaffToken.issuer), org: caller.organisationID.description,
            role: caller.role.rawValue, spec: caller.specialistID?.description, nbf: nil))
    }

    /// The caller a token speaks for; `nil` for a token that is malformed, forged, expired, not
    /// yet valid (`nbf` more than ``StaffToken/notBeforeLeeway`` ahead) or from another issuer.
    public func caller(for token: String) async -> StaffCaller? {
        (try? await keys.verify(token, as: StaffToken.self))?.caller
    }
}
