import Foundation
import JWTKit
import Models
import StaffAccess
import Testing

/// A token signed with the right secret but not valid yet (`nbf`, RFC 7519 §4.1.5) is no token:
/// scheduling, monitoring and notifications all check tokens through ``StaffTokens``.
@Suite("Staff tokens: not before")
struct StaffTokenNotBeforeTests {
    /// The claims of a staff token as another issuer might write them, with a `nbf`.
    struct Claims: JWTPayload {
        var sub = SubjectClaim(value: "smirnova")
        var exp = ExpirationClaim(value: Date().addingTimeInterval(2 * 3600))
        var iat = IssuedAtClaim(value: Date())
        var iss = IssuerClaim(value: "accord")
        var org = OrganisationID(UUID()).description
        var role = "head"
        var nbf: NotBeforeClaim

        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    /// A token correctly signed with the service's secret whose `nbf` is `offset` from now.
    static func token(notBefore offset: TimeInterval) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: StaffTokenTests.secret), digestAlgorithm: .sha256)
        return try await keys.sign(Claims(nbf: NotBeforeClaim(value: Date().addingTimeInterval(offset))))
    }

    @Test("a token whose nbf is an hour ahead is refused; one already valid, or ahead by clock skew only, is accepted")
    func notBefore() async throws {
        let tokens = try await StaffTokens(secret: StaffTokenTests.secret)
        #expect(await tokens.caller(for: try await Self.token(notBefore: 3600)) == nil)
        #expect(await tokens.caller(for: try await Self.token(notBefore: 5 * 60)) == nil)
        #expect(await tokens.caller(for: try await Self.token(notBefore: -60))?.role == .head)
        // Within the leeway: the issuer's clock a few seconds ahead of ours.
        #expect(await tokens.caller(for: try await Self.token(notBefore: 20))?.role == .head)
    }
}
