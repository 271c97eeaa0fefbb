import Foundation
import Logging
import Testing

@Suite("JSON log handler")
struct JSONLogHandlerTests {
    /// Parses one captured line, failing the test unless it is a JSON object.
    private func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("writes timestamp, level, label and message first")
    func fixedFields() throws {
        let captured = CapturedLines()
        captured.logger().info("hello")

        let line = try #require(captured.all.first)
        #expect(line.hasPrefix(#"{"timestamp":""#))
        #expect(line.hasSuffix(#","level":"info","label":"accord-test","message":"hello"}"#))
        let timestamp = try #require(try object(line)["timestamp"] as? String)
        #expect(timestamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
    }

    @Test("escapes quotes, backslashes and control characters")
    func escaping() throws {
        let captured = CapturedLines()
        let message = "say \"hi\" \\ new\nline\ttab\rreturn \u{01}\u{1F}\u{08}\u{0C}"
        captured.logger().info("\(message)")

        let line = try #require(captured.all.first)
        #expect(line.contains(#""message":"say \"hi\" \\ new\nline\ttab\rreturn \u0001\u001f\b\f""#))
        #expect(try object(line)["message"] as? String == message)
    }

    @Test("keeps non-ASCII text as UTF-8")
    func nonASCII() throws {
        let captured = CapturedLines()
        let message = "Заявка принята — Өтініш қабылданды ✓ 🙂"
        captured.logger().info("\(message)")

        let line = try #require(captured.all.first)
        #expect(line.contains(message))
        #expect(try object(line)["message"] as? String == message)
    }

    @Test("flattens metadata; call-site metadata wins over the handler's")
    func metadata() throws {
        let captured = CapturedLines()
        var logger = captured.logger()
        logger[metadataKey: "service"] = "intake"
        logger[metadataKey: "kept"] = "yes"
        logger.info(
            "flattened",
            metadata: [
                "service": "overridden",
                "request": ["route": "/referrals/{id}", "attempt": "\(2)"],
                "tags": ["a", ["nested": "b"]],
            ]
        )

        let line = try #require(captured.all.first)
        let fields = try object(line)
        #expect(fields["service"] as? String == "overridden")
        #expect(fields["kept"] as? String == "yes")
        #expect(fields["request.route"] as? String == "/referrals/{id}")
        #expect(fields["request.attempt"] as? String == "2")
        #expect(line.contains(#""tags":["a",{"nested":"b"}]"#))
        #expect(fields["request"] == nil)
    }

    @Test("renames metadata keys that collide with the fixed fields")
    func collisions() throws {
        let captured = CapturedLines()
        captured.logger().warning("collide", metadata: ["level": "mine", "message": "also mine"])

        let fields = try object(try #require(captured.all.first))
        #expect(fields["level"] as? String == "warning")
        #expect(fields["message"] as? String == "collide")
        #expect(fields["metadata.level"] as? String == "mine")
        #expect(fields["metadata.message"] as? String == "also mine")
    }

    @Test("writes source location only when logging at debug or trace", arguments: [
        (Logger.Level.trace, true), (.debug, true), (.info, false), (.error, false),
    ])
    func sourceLocation(level: Logger.Level, expectLocation: Bool) throws {
        let captured = CapturedLines()
        captured.logger(level: level).critical("where")

        let fields = try object(try #require(captured.all.first))
        #expect((fields["file"] != nil) == expectLocation)
        #expect((fields["line"] != nil) == expectLocation)
        #expect((fields["source"] != nil) == expectLocation)
    }

    @Test("drops lines below the handler's level and names each level")
    func levels() throws {
        let captured = CapturedLines()
        let logger = captured.logger(level: .notice)
        logger.debug("dropped")
        logger.info("dropped")
        logger.notice("kept")
        logger.error("kept")
        logger.critical("kept")

        let levels = try captured.all.map { try object($0)["level"] as? String }
        #expect(levels == ["notice", "error", "critical"])
    }

    @Test("writes an attached error as its type only, never its description")
    func errors() throws {
        struct LookupFailed: Error, CustomStringConvertible {
            var description: String { "no pupil named Иванов Иван" }
        }
        let captured = CapturedLines()
        captured.logger().error("lookup failed", error: LookupFailed())

        let line = try #require(captured.all.first)
        #expect(try object(line)["error"] as? String == String(reflecting: LookupFailed.self))
        #expect(!line.contains("Иванов"))
    }
}
