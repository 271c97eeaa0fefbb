import Foundation
import Models
import StaffAccess
import Testing
@testable import SchedulingService

@Suite("Staff tokens")
struct StaffTokenTests {
    static let secret = String(repeating: "a", count: 32)
    static let caller = StaffCaller(
        organisationID: OrganisationID(UUID()), role: .specialist, subject: "smirnova", specialistID: SpecialistID(UUID()))

    @Test("a token issued with the secret speaks for its caller until it expires")
    func roundTrip() async throws {
        let tokens = try await StaffTokens(secret: Self.secret)
        let token = try await tokens.issue(for: Self.caller, lifetime: 600)
        #expect(await tokens.caller(for: token) == Self.caller)
        let expired = try await tokens.issue(for: Self.caller, lifetime: 600, now: Date().addingTimeInterval(-601))
        #expect(await tokens.caller(for: expired) == nil)
    }

    @Test("another secret, a changed claim or garbage is no token")
    func forgeries() async throws {
        let tokens = try await StaffTokens(secret: Self.secret)
        let other = try await StaffTokens(secret: String(repeating: "b", count: 32))
        #expect(await tokens.caller(for: try await other.issue(for: Self.caller, lifetime: 600)) == nil)
        let token = try await tokens.issue(for: Self.caller, lifetime: 600)
        // Promote the specialist to head in the payload, keeping the signature.
        let parts = token.split(separator: ".").map(String.init)
        var payload = try #require(Data(base64URLEncoded: parts[1]))
        payload = Data(String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "\"specialist\"", with: "\"head\"").utf8)
        let promoted = [parts[0], payload.base64URLEncodedString(), parts[2]].joined(separator: ".")
        #expect(await tokens.caller(for: promoted) == nil)
        for garbage in ["", "a.b.c", String(repeating: "x", count: 5000), token + "x"] {
            #expect(await tokens.caller(for: garbage) == nil)
        }
        await #expect(throws: StaffTokens.SecretTooShort.self) { try await StaffTokens(secret: "short") }
    }
}

extension Data {
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }

    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
