import Bus
import Foundation
import Models
import NotificationsService
import Postgres
import PostgresMigrations
import Testing
import TestSupport

/// `accord-notifications` killed with SIGKILL while a peer is answering: after a restart the
/// delivery is sent again with the same idempotency key (a peer that keeps keys delivers it
/// once), the lost attempt is logged as uncertain, and the resend is logged as a possible duplicate.
@Suite("A notifications process killed mid-send", .freshDatabase)
struct KilledSenderTests {
    private var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("accord-notifications")
    }

    private func start(_ environment: [String: String], output: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.environment = environment
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    @Test("killed while the gateway holds the request, it resends once with the same key after restart and logs the uncertainty")
    func sigkillMidSend() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build accord-notifications first")
        let gateway = LoopbackPeer(firstAnswerDelay: .seconds(8))
        try await gateway.run { url in
            let pool = try TestDatabase.required().makePool(maxConnections: 2)
            defer { Task { await pool.close() } }
            try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations(), try NotificationsSchema.migrations()])
            let harness = NotificationsHarness(pool: pool)
            let environment = ProcessInfo.processInfo.environment.merging(try NotificationsHarness.environment([
                "SMS_GATEWAY_URL": url + "/sms", "DELIVERY_TIMEOUT_SECONDS": "5", "LOG_FORMAT": "json", "LOG_LEVEL": "info",
            ])) { $1 }
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("killed-sender-\(UUID()).log")
            defer { try? FileManager.default.removeItem(at: output) }

            let first = try start(environment, output: output)
            let parent = try await harness.recipient(phone: "+79123456789")
            let id = try await harness.request(.meetingReminder, for: parent, data: ["starts_at": "2026-12-01T07:00:00Z"])
            #expect(try await eventually(within: .seconds(20)) { gateway.received.count == 1 }, "the gateway never got the SMS")
            kill(first.processIdentifier, SIGKILL)
            #expect(await first.exit())
            #expect(try await harness.deliveries(of: id).first?.state == "sending", "the kill must leave the delivery mid-send")

            let second = try start(environment, output: output)
            // The lease (5 s timeout + 5 s) runs out, the restarted process takes the delivery back and resends. The timeout
            // is long enough that a loaded machine does not turn the resend itself into a timed-out attempt (a third copy).
            let resent = (try? await eventually(within: .seconds(30)) { try await harness.deliveries(of: id).first?.state == "delivered" }) ?? false
            await second.stop()
            #expect(resent)
            let received = gateway.received
            #expect(received.count == 2)
            #expect(Set(received.compactMap { $0.headers["idempotency-key"] }).count == 1, "both copies carry one idempotency key")
            #expect(try await harness.attempts(of: id).map(\.outcome) == ["uncertain", "delivered"])
            let log = try String(contentsOf: output, encoding: .utf8)
            #expect(log.contains("delivery outcome unknown after an interrupted send"))
            #expect(!log.contains("+79123456789"), "no phone number in the logs")
        }
    }
}
