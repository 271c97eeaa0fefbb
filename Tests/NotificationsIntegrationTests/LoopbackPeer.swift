import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A real HTTP peer on loopback (an SMS gateway, an integrator's webhook receiver): it records
/// every request it gets and answers with the statuses it was scripted with, then 200.
final class LoopbackPeer: Sendable {
    /// One request as received.
    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: String
        var at: Date
    }

    private let state: Mutex<(script: [Int], received: [Received])>
    /// How long the first request waits for its answer (a peer slow enough to be killed during).
    private let firstAnswerDelay: Duration

    /// A peer answering `script` in order, then 200 to everything; the first answer after `firstAnswerDelay`.
    init(answering script: [Int] = [], firstAnswerDelay: Duration = .zero) {
        state = Mutex((script, []))
        self.firstAnswerDelay = firstAnswerDelay
    }

    /// Everything received so far.
    var received: [Received] { state.withLock { $0.received } }

    /// Scripts the next answers.
    func script(_ statuses: [Int]) { state.withLock { $0.script = statuses } }

    /// Runs the peer on a free loopback port for the length of `body`, which gets its base URL.
    func run(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("**") { request, _ -> Response in
            var headers: [String: String] = [:]
            // Names lower-cased, as HTTP/2 and HTTP/1.1 peers may send them either way.
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let (status, first) = self.state.withLock { state -> (Int, Bool) in
                state.received.append(Received(path: request.uri.path, headers: headers, body: String(buffer: bytes), at: Date()))
                return (state.script.isEmpty ? 200 : state.script.removeFirst(), state.received.count == 1)
            }
            if first { try await Task.sleep(for: self.firstAnswerDelay) }
            return Response(status: .init(code: status))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }
}
