import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// The image ships `accord` alone, with each service's name a link to it (compose/Dockerfile):
/// called by a service's name, the one program must be that service, as its own executable is.
@Suite("`accord` called by a service's name runs that service", .freshDatabase)
struct ProgramNameTests {
    private var accord: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("accord")
    }

    @Test("a link named accord-<service> migrates, is ready on the service's port, logs as the service and stops on SIGTERM",
          arguments: AccordServiceUnderTest.allCases)
    func linkRunsTheService(_ service: AccordServiceUnderTest) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: accord.path), "build accord first")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent(service.description)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: accord)

        let port = try freeLoopbackPort()
        let log = folder.appendingPathComponent("log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = link
        process.environment = ProcessInfo.processInfo.environment
            .merging(try TestDatabase.required().environment) { $1 }
            .merging([
                "HTTP_HOST": "127.0.0.1", "HTTP_PORT": "\(port)", "LOG_FORMAT": "json",
                "SECRETS_KEY": String(repeating: "k", count: 32),
            ]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()

        let ready = try await eventually(within: .seconds(60)) {
            guard process.isRunning else { return false }
            return await httpStatus("http://127.0.0.1:\(port)/health/ready") == 200
        }
        await process.stop(grace: .seconds(20))
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(ready, "not ready; log:\n\(output.suffix(2_000))")
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "stopped on SIGTERM with status 0")
        #expect(output.contains("\"\(service.description)\""), "its log lines carry the service's name")
        #expect(!output.contains("OVERVIEW: Administer"), "not the administrator's command line")
    }
}

/// A port nothing listens on now (bound to 0 and released).
private func freeLoopbackPort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
        }
    }
    try #require(bound, "no free port")
    return Int(UInt16(bigEndian: address.sin_port))
}

/// The status of a GET, or nil when nothing answered within 2 s.
private func httpStatus(_ url: String) async -> Int? {
    var request = URLRequest(url: URL(string: url)!)
    request.timeoutInterval = 2
    guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
    return (response as? HTTPURLResponse)?.statusCode
}
