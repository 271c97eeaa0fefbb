import Foundation
import Testing
import TestSupport

/// `accord … --json` is for scripts: the ids in it are the same lowercase text (RFC 9562) as in the
/// command's table output and every API, and ids given to it in uppercase find the same records.
@Suite("`accord … --json` prints lowercase ids", .freshDatabase)
struct AccordJSONIDsTests {
    private var accord: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("accord")
    }

    /// Runs `accord arguments…` against the test's database; its standard output, once it exited 0.
    private func run(_ arguments: String...) async throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("accord-json-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = accord
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(try TestDatabase.required().environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        let exited = await process.exit(within: .seconds(60))
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        try #require(exited && process.terminationStatus == 0, "accord \(arguments.joined(separator: " ")): \(text)")
        return text
    }

    /// Every UUID string anywhere in JSON `text`, in order.
    private func uuids(in text: String) -> [String] {
        text.split(separator: "\"").map(String.init).filter { UUID(uuidString: $0) != nil }
    }

    @Test("specialists, integrators and keys: every id lowercase, whatever case it was given in")
    func lowercase() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: accord.path), "build accord first")
        _ = try await run("migrate")
        let organisation = UUID()
        let given = organisation.uuidString
        try #require(given != given.lowercased())

        let specialist = try await run("scheduling", "specialists", "add", "--organisation", given, "--name", "Анна", "--role", "mediator", "--json")
        let integrator = try await run(
            "intake", "integrators", "create", "--name", "КДНиЗП", "--kind", "minors_commission", "--organisation", given, "--json")
        let integratorID = try #require((try JSONSerialization.jsonObject(with: Data(integrator.utf8)) as? [String: Any])?["id"] as? String)
        let key = try await run("intake", "keys", "issue", integratorID.uppercased(), "--json")
        let outputs = [
            specialist, integrator, key,
            try await run("scheduling", "specialists", "list", "--organisation", given, "--json"),
            try await run("intake", "integrators", "list", "--json"),
            try await run("intake", "keys", "list", "--integrator", integratorID.uppercased(), "--json"),
        ]
        for output in outputs {
            let ids = uuids(in: output)
            #expect(ids.count >= 2 && ids.allSatisfy { $0 == $0.lowercased() }, "\(output)")
        }
        #expect(uuids(in: specialist).contains(organisation.uuidString.lowercased()))
        #expect(uuids(in: key).contains(integratorID))
        #expect(uuids(in: outputs[5]).contains(integratorID), "the key list found the integrator's key by its uppercase id")
        #expect(!key.contains("replaces_key_id"), "a first key replaces none, and says nothing of it")
    }
}
