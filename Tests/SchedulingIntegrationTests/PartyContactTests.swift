import Foundation
import Models
import Postgres
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

/// A party's phone and email are held to intake's rules (one shared validator): a 422 naming the
/// field for one that is not, and the phone stored in the one form notifications read.
@Suite("Party contacts", .freshDatabase)
struct PartyContactTests {
    @Test("an email that is not one, or a phone that is not Russian or Kazakh, is refused; a good phone is stored as +7 and ten digits")
    func contacts() async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let id = try await work.openCases(1)[0]
        func add(phone: String?, email: String?) async throws -> Result<Party, SchedulingRefusal> {
            do {
                return .success(try await work.transaction { connection in
                    try await PartyStore.add(
                        PartyStore.Draft(
                            role: .harmedParty, fullName: "Петрова Анна", birthDate: nil, representsPartyID: nil, phone: phone, email: email,
                            language: .ru, busyHours: []),
                        to: id, by: work.head, in: connection, now: Date())
                })
            } catch let refusal as SchedulingRefusal {
                return .failure(refusal)
            }
        }
        for email in ["not-an-e-mail", "anna@", "anna@mail", "a@b@mail.ru", "anna@mail.ru, oleg@mail.ru"] {
            guard case .failure(let refusal) = try await add(phone: nil, email: email) else {
                Issue.record("\(email) was taken for an email")
                continue
            }
            #expect(refusal.kind == .invalid && refusal.code == "invalid_email" && refusal.pointer == "/email")
        }
        for phone in ["12345", "+1 212 555 0100", "телефон", "8 912 345 67 8"] {
            guard case .failure(let refusal) = try await add(phone: phone, email: nil) else {
                Issue.record("\(phone) was taken for a phone")
                continue
            }
            #expect(refusal.kind == .invalid && refusal.code == "invalid_phone" && refusal.pointer == "/phone")
        }
        #expect(try await work.pool.count("SELECT count(*) FROM scheduling.parties") == 0)
        let party = try await add(phone: " 8 (912) 345-67-89 ", email: " anna.petrova@mail.ru ").get()
        #expect(party.phone == "+79123456789" && party.email == "anna.petrova@mail.ru")
        let stored = try #require(try await work.pool.query("SELECT phone, email FROM scheduling.parties WHERE id = \(party.id.uuid)").single)
        #expect(try stored.decode(String.self, at: 0) == "+79123456789" && stored.decode(String.self, at: 1) == "anna.petrova@mail.ru")
    }
}
