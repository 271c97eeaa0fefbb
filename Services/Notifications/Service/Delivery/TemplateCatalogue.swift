import Foundation
import Models
import Mustache

/// The message templates, one file per template and language in `Templates/<language>/<name>.mustache`:
/// the email's subject line, `---`, the email's body, `---`, the SMS text. Loaded and compiled
/// once at start-up; a missing or broken file stops the service there, not at 3 a.m. on a send.
struct TemplateCatalogue: Sendable {

    /// One template in one language, compiled.
    struct Compiled: Sendable {
        var subject: MustacheTemplate
        var body: MustacheTemplate
        var sms: MustacheTemplate
    }

    /// A template's file is not three parts, or does not compile.
    struct Broken: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "template \(file): \(reason)" }
    }

    private let templates: [String: Compiled]

    /// Loads every template in every language from `directory`.
    init(directory: URL) throws {
        var templates: [String: Compiled] = [:]
        for language in Language.allCases {
            for name in NotificationTemplate.allCases.map(\.rawValue) {
                let file = "\(language.rawValue)/\(name).mustache"
                let text: String
                do {
                    text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                } catch {
                    throw Broken(file: file, reason: "missing")
                }
                templates["\(language.rawValue)/\(name)"] = try Self.compile(text, file: file)
            }
        }
        self.templates = templates
    }

    /// The catalogue shipped with the service.
    static func bundled() throws -> TemplateCatalogue {
        try TemplateCatalogue(directory: Bundle.module.resourceURL!.appendingPathComponent("Templates"))
    }

    static func compile(_ text: String, file: String) throws -> Compiled {
        let parts = text.components(separatedBy: "\n---\n")
        guard parts.count == 3 else { throw Broken(file: file, reason: "expected subject, body and SMS separated by lines of ---") }
        // Plain text: values are not HTML-escaped.
        func template(_ part: String) throws -> MustacheTemplate {
            do {
                return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + part.trimmingCharacters(in: .whitespacesAndNewlines))
            } catch {
                throw Broken(file: file, reason: "does not compile: \(error)")
            }
        }
        return Compiled(subject: try template(parts[0]), body: try template(parts[1]), sms: try template(parts[2]))
    }

    /// Whether `name` is a known template (a request naming another is recorded as unsendable).
    static func knows(_ name: String) -> Bool { NotificationTemplate(rawValue: name) != nil }

    /// `name` rendered in `language` with `values`.
    func render(_ name: String, language: Language, values: [String: String]) -> RenderedMessage? {
        guard let compiled = templates["\(language.rawValue)/\(name)"] else { return nil }
        // Empty values are absent, so `{{#outcome_name}}…{{/outcome_name}}` hides with them.
        let context = values.filter { !$0.value.isEmpty }
        return RenderedMessage(
            subject: compiled.subject.render(context).replacingOccurrences(of: "\n", with: " "),
            body: compiled.body.render(context),
            sms: compiled.sms.render(context).replacingOccurrences(of: "\n", with: " "))
    }
}

/// A message ready to send.
struct RenderedMessage: Sendable, Equatable {
    /// The email's subject (one line).
    var subject: String
    /// The email's plain-text body.
    var body: String
    /// The SMS text.
    var sms: String
}
