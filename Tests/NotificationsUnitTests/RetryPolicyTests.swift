import Foundation
@testable import NotificationsService
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    static let policy = RetryPolicy(base: .seconds(30), maxAttempts: 5)
    static let samples = 200

    @Test("each delay is the base doubled per earlier attempt, spread within ±20 %")
    func growth() {
        for attempt in 1...8 {
            let nominal = 30 * pow(2, Double(attempt - 1))
            let delays = (0..<Self.samples).map { _ in Self.policy.delay(after: attempt) }
            #expect(delays.allSatisfy { $0 >= nominal * 0.8 - 1e-9 && $0 <= nominal * 1.2 + 1e-9 }, "attempt \(attempt): \(delays.min()!)…\(delays.max()!)")
            // The spread is real: 200 draws do not all land within ±5 % of the nominal delay.
            #expect(delays.contains { abs($0 - nominal) > nominal * 0.05 }, "attempt \(attempt)")
        }
    }

    @Test("a base below a second counts its fraction")
    func fractionalBase() {
        let policy = RetryPolicy(base: .milliseconds(1500), maxAttempts: 3)
        let delays = (0..<Self.samples).map { _ in policy.delay(after: 2) }
        #expect(delays.allSatisfy { $0 >= 2.4 - 1e-9 && $0 <= 3.6 + 1e-9 }, "\(delays.min()!)…\(delays.max()!)")
    }

    @Test("no delay is longer than six hours, however many attempts failed")
    func ceiling() {
        #expect(RetryPolicy.ceiling == 6 * 3600)
        // 30 s · 2^10 is past six hours.
        for attempt in [11, 20, 64, 10_000] {
            let delays = (0..<Self.samples).map { _ in Self.policy.delay(after: attempt) }
            #expect(delays.allSatisfy { $0 <= RetryPolicy.ceiling }, "attempt \(attempt): up to \(delays.max()!)")
            #expect(delays.allSatisfy { $0 >= RetryPolicy.ceiling * 0.8 - 1e-9 }, "attempt \(attempt): down to \(delays.min()!)")
        }
    }

    @Test("a longer Retry-After from the peer wins, up to six hours; a shorter one does not shorten the delay")
    func peerAsked() {
        #expect(Self.policy.delay(after: 1, peerAsked: 3600) == 3600)
        #expect(Self.policy.delay(after: 1, peerAsked: 48 * 3600) == RetryPolicy.ceiling)
        let delays = (0..<Self.samples).map { _ in Self.policy.delay(after: 3, peerAsked: 5) }
        #expect(delays.allSatisfy { $0 >= 96 - 1e-9 && $0 <= 144 + 1e-9 }, "\(delays.min()!)…\(delays.max()!)")
    }

    @Test("the policy is exhausted once the last allowed attempt has failed")
    func exhaustion() {
        #expect(!Self.policy.isExhausted(after: 1))
        #expect(!Self.policy.isExhausted(after: 4))
        #expect(Self.policy.isExhausted(after: 5))
        #expect(Self.policy.isExhausted(after: 6))
    }
}
