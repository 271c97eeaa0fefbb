import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A webhook receiver that hangs: every request it gets waits unanswered until the test calls
/// ``release()``, then it and every later one get 200. It counts the requests it holds at once,
/// so a test sees how many of the sender's slots one dead endpoint takes.
final class HoldingPeer: Sendable {
    private struct State {
        var released = false
        var held = 0
        var mostHeld = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
    }

    private let state = Mutex(State())

    /// Requests held unanswered now.
    var held: Int { state.withLock { $0.held } }

    /// The most requests held unanswered at once so far.
    var mostHeld: Int { state.withLock { $0.mostHeld } }

    /// Answers every held request, and every later one at once.
    func release() {
        let waiting = state.withLock { state in
            state.released = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume(returning: true) }
    }

    /// Runs the peer on a free loopback port for the length of `body`, which gets its base URL;
    /// whatever `body` does, the held requests are released before the server stops.
    func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("**") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            await self.hold()
            return Response(status: .ok)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            defer { release() }
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }

    /// Waits until released (at once if already released).
    private func hold() async {
        let wasHeld = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answerNow = state.withLock { state in
                guard !state.released else { return true }
                state.held += 1
                state.mostHeld = max(state.mostHeld, state.held)
                state.waiting.append(continuation)
                return false
            }
            if answerNow { continuation.resume(returning: false) }
        }
        if wasHeld { state.withLock { $0.held -= 1 } }
    }
}
