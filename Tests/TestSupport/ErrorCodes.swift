import Foundation

/// The `errors[].code` values a service can answer with, read off its sources, and the ones its
/// OpenAPI document lists, so that a test can hold the two to each other: a client programs
/// against the document's codes, and a code the document does not name is a broken contract.
///
/// A code is a string literal in one of the forms the services write them in; the scan
/// collects every literal of those forms, so a new refusal is caught without the test naming it:
/// - `code: "x"` (and `code: condition ? "x" : "y"`): a ``SchedulingRefusal``, a `FieldIssue`;
/// - `conflict("x", …)`: a monitoring report's refusal;
/// - the arms of a `var code: String` switch (a case's illegal move);
/// - a call of a shared `FieldIssue` factory (`.invalidPhone(`), resolved to the codes that
///   factory writes.
public enum ErrorCodes {
    /// The shared sources every service's requests pass through (the problem middleware, its
    /// decoding errors, the JSON body's checks), whose codes every service can answer with.
    public static let sharedSources = [
        "Shared/ServiceRuntime/HTTP/ProblemMiddleware.swift", "Shared/ServiceRuntime/Problems/FieldIssue+decoding.swift",
        "Shared/ServiceRuntime/HTTP/JSONRequestBody.swift",
    ]

    /// Where a service and its document disagree: codes it answers with that the document does
    /// not list, codes the document lists that it never answers with, and codes it builds by
    /// interpolation, which the scan cannot see.
    public struct Mismatch: Equatable, Sendable, CustomStringConvertible {
        /// Answered with, not listed.
        public var undocumented: [String]
        /// Listed, never answered with.
        public var unproduced: [String]
        /// Built by interpolation.
        public var interpolated: [String]

        public var description: String {
            "undocumented: \(undocumented), documented but never produced: \(unproduced), interpolated: \(interpolated)"
        }
    }

    /// How the sources under `directories` and the document at `document` (both relative to the
    /// root) disagree; all empty when they agree.
    ///
    /// - Parameter notInErrors: Codes the sources write that never reach `errors[]` (a refusal
    ///   whose problem carries no `errors`), which the document therefore does not list.
    public static func mismatch(sources directories: [String], document: String, notInErrors: Set<String> = []) throws -> Mismatch {
        let produced = try produced(under: directories).subtracting(notInErrors)
        let listed = try documented(in: try Repository.text(document))
        return Mismatch(
            undocumented: produced.subtracting(listed).sorted(), unproduced: listed.subtracting(produced).sorted(),
            interpolated: try interpolated(under: directories))
    }

    /// No disagreement.
    public static let agreement = Mismatch(undocumented: [], unproduced: [], interpolated: [])

    /// The codes the Swift files under `directories` (folders or files, relative to the root) and
    /// ``sharedSources`` produce.
    public static func produced(under directories: [String]) throws -> Set<String> {
        let factories = try fieldIssueFactories()
        var codes: Set<String> = []
        for file in swiftFiles(under: directories + sharedSources) {
            let text = try String(contentsOf: file, encoding: .utf8)
            codes.formUnion(matches(of: #"code: (?:[^,"()]* \? )?"([a-z_]+)"(?: : "([a-z_]+)")?"#, in: text))
            codes.formUnion(matches(of: #"\bconflict\("([a-z_]+)""#, in: text))
            if let property = text.range(of: "var code: String {") {
                let body = text[property.upperBound...].prefix { $0 != "}" }
                codes.formUnion(matches(of: #"\.\w+[^:\n]*: "([a-z_]+)""#, in: String(body)))
            }
            for (name, factoryCodes) in factories where text.contains(".\(name)(") {
                codes.formUnion(factoryCodes)
            }
        }
        return codes
    }

    /// Codes built by interpolation (`"meeting_\(status)"`) in the files under `directories`:
    /// the scan cannot see them, so none may exist.
    public static func interpolated(under directories: [String]) throws -> [String] {
        try swiftFiles(under: directories).flatMap { file in
            matches(of: #"(code: "[^"]*\\\()"#, in: try String(contentsOf: file, encoding: .utf8)).map { "\(file.lastPathComponent): \($0)" }
        }
    }

    /// The codes an OpenAPI document lists as `FieldError`'s `code` values: the back-quoted
    /// words of that property's description.
    public static func documented(in document: String) throws -> Set<String> {
        guard let fieldError = document.range(of: "\n    FieldError:\n"),
              let code = document.range(of: "\n        code:\n", range: fieldError.upperBound..<document.endIndex),
              let message = document.range(of: "\n        message:", range: code.upperBound..<document.endIndex)
        else { throw CocoaError(.fileReadCorruptFile) }
        return Set(matches(of: #"`([a-z_]+)`"#, in: String(document[code.upperBound..<message.lowerBound])))
    }

    /// Each shared `FieldIssue` factory's name and the codes it writes.
    static func fieldIssueFactories() throws -> [String: Set<String>] {
        let text = try Repository.text("Shared/ServiceRuntime/Problems/FieldIssue.swift")
        var factories: [String: Set<String>] = [:]
        let declarations = text.components(separatedBy: "public static func ").dropFirst()
        for declaration in declarations {
            let name = String(declaration.prefix { $0.isLetter || $0.isNumber })
            factories[name] = matches(of: #"code: "([a-z_]+)""#, in: declaration)
        }
        return factories
    }

    /// The Swift files at or under each of `paths` (relative to the root); one that is not there
    /// has none.
    static func swiftFiles(under paths: [String]) -> [URL] {
        paths.flatMap { path -> [URL] in
            let url = Repository.root.appending(path: path)
            let files = url.pathExtension == "swift"
                ? [url] : FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
            return files.filter { $0.pathExtension == "swift" && FileManager.default.fileExists(atPath: $0.path) }
        }
    }

    /// Every capture group's text of every match of `pattern` in `text`.
    static func matches(of pattern: String, in text: String) -> Set<String> {
        let expression = try! NSRegularExpression(pattern: pattern)
        var found: Set<String> = []
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            for group in 1..<match.numberOfRanges {
                if let range = Range(match.range(at: group), in: text) { found.insert(String(text[range])) }
            }
        }
        return found
    }
}
