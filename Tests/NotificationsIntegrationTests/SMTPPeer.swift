import Foundation
import TestSupport

/// A real SMTP server on loopback (aiosmtpd, `Peers/smtp_peer.py`): STARTTLS with a self-signed
/// certificate for `127.0.0.1` made for the run, AUTH with one user, the addresses it was told to
/// refuse answered 550, and every message it accepts written to an outbox exactly as received.
///
/// Runs with `ACCORD_TEST_PYTHON` if set (CI's venv), else `python3` from `PATH`.
final class SMTPPeer: Sendable {
    /// One accepted message: its envelope and its bytes.
    struct Message: Sendable {
        var mailFrom: String
        var recipients: [String]
        var raw: Data

        /// The header fields, names lower-cased, continuation lines unfolded (CRLF removed).
        var headers: [String: String] {
            var fields: [String: String] = [:]
            var last: String?
            for line in split.head.components(separatedBy: "\r\n") {
                if let first = line.first, first == " " || first == "\t", let name = last {
                    fields[name, default: ""] += line
                } else if let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].lowercased()
                    fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    last = name
                }
            }
            return fields
        }

        /// The body as sent, after the first empty line.
        var body: String { split.body }

        private var split: (head: String, body: String) {
            let text = String(decoding: raw, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { return (text, "") }
            return (String(text[..<end.lowerBound]), String(text[end.upperBound...]))
        }

        /// A header's value with its RFC 2047 `=?UTF-8?B?…?=` words decoded (the whitespace
        /// between adjacent encoded words dropped, as the RFC says); `nil` if a word is not valid.
        func decoded(_ name: String) -> String? {
            guard let value = headers[name.lowercased()] else { return nil }
            let word = /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/.ignoresCase()
            var bytes = Data(), rest = Substring(value), afterWord = false
            while let match = rest.firstMatch(of: word) {
                let between = rest[..<match.range.lowerBound]
                if !afterWord || !between.allSatisfy(\.isWhitespace) { bytes.append(Data(between.utf8)) }
                guard let chunk = Data(base64Encoded: String(match.output.1)) else { return nil }
                bytes.append(chunk)
                rest = rest[match.range.upperBound...]
                afterWord = true
            }
            bytes.append(Data(rest.utf8))
            return String(data: bytes, encoding: .utf8)
        }
    }

    /// A running peer.
    struct Listening: Sendable {
        /// Its port on 127.0.0.1.
        var port: Int
        /// Its certificate (PEM), to trust it with.
        var certificate: URL
        /// Where it writes what it accepts.
        var outbox: URL

        /// The messages accepted so far, in order.
        var messages: [Message] {
            get throws {
                let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
                let numbers = names.compactMap { $0.hasSuffix(".eml") ? Int($0.dropLast(4)) : nil }.sorted()
                return try numbers.map { number in
                    // The peer writes <n>.json before <n>.eml, each atomically.
                    let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: outbox.appendingPathComponent("\(number).json"))) as? [String: Any]
                    return Message(
                        mailFrom: envelope?["mail_from"] as? String ?? "", recipients: envelope?["rcpt_tos"] as? [String] ?? [],
                        raw: try Data(contentsOf: outbox.appendingPathComponent("\(number).eml")))
                }
            }
        }
    }

    /// The peer could not be started.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    let username: String
    let password: String
    private let rejecting: [String]
    private let dataDelay: Double

    /// A peer accepting `username` and `password`, refusing mail to `rejecting`, and waiting
    /// `dataDelay` seconds after DATA before it answers.
    init(username: String = "accord", password: String = "peer-password", rejecting: [String] = [], dataDelay: Double = 0) {
        self.username = username
        self.password = password
        self.rejecting = rejecting
        self.dataDelay = dataDelay
    }

    /// Runs the peer for the length of `body`, then stops it with SIGTERM.
    func run(_ body: @Sendable (Listening) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("cert.pem"), key = directory.appendingPathComponent("key.pem")
        let outbox = directory.appendingPathComponent("outbox"), errors = directory.appendingPathComponent("stderr.log")
        let openssl = try await runShell("""
            openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
            -keyout '\(key.path)' -out '\(certificate.path)' 2>'\(errors.path)'
            """)
        guard openssl == 0 else { throw StartFailure(description: "openssl exited with \(openssl): \(Self.text(of: errors))") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = [
            ProcessInfo.processInfo.environment["ACCORD_TEST_PYTHON"] ?? "python3",
            Bundle.module.resourceURL!.appendingPathComponent("Peers/smtp_peer.py").path,
            "--port", "0", "--cert", certificate.path, "--key", key.path, "--user", username, "--password", password,
            "--outbox", outbox.path, "--delay-data", String(dataDelay),
        ]
        for address in rejecting { arguments += ["--reject", address] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let errorLog = try FileHandle(forWritingTo: errors)
        defer { try? errorLog.close() }
        process.standardError = errorLog
        try process.run()
        do {
            try await body(try await Self.listening(process, output: output, certificate: certificate, outbox: outbox, errors: errors))
        } catch {
            await process.stop()
            throw error
        }
        await process.stop()
    }

    /// Waits for the started peer's `READY <port>` line, at most 30 s.
    private static func listening(_ process: Process, output: Pipe, certificate: URL, outbox: URL, errors: URL) async throws -> Listening {
        let port = await withTaskGroup(of: Int?.self) { group in
            group.addTask { await readyPort(from: output.fileHandleForReading) }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = await group.next() ?? nil
            // Without READY in time, ending the peer ends the read too.
            if first == nil { process.terminate() }
            group.cancelAll()
            return first
        }
        guard let port else { throw StartFailure(description: "smtp_peer.py printed no READY line: \(text(of: errors))") }
        return Listening(port: port, certificate: certificate, outbox: outbox)
    }

    /// Reads the peer's stdout on a thread of its own until `READY <port>`, then drains it until
    /// the peer exits; `nil` if it exits first.
    private static func readyPort(from handle: FileHandle) async -> Int? {
        await withCheckedContinuation { continuation in
            Thread {
                var seen = Data(), port: Int?
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    guard port == nil else { continue }
                    seen.append(chunk)
                    let lines = String(decoding: seen, as: UTF8.self).split(separator: "\n")
                    if let line = lines.first(where: { $0.hasPrefix("READY ") }), let number = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) {
                        port = number
                        continuation.resume(returning: number)
                    }
                }
                if port == nil { continuation.resume(returning: nil) }
            }.start()
        }
    }

    private static func text(of file: URL) -> String {
        (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }
}
