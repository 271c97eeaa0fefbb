import Foundation
import Models
@testable import NotificationsService
import Testing
import TestSupport

@Suite("Template catalogue")
struct TemplateCatalogueTests {
    static let values = TemplateValues(language: .ru, timeZone: TimeZone(identifier: "Asia/Yekaterinburg")!, senderName: "Служба примирения")
    static let invitation = [
        "starts_at": "2026-12-01T07:00:00Z", "ends_at": "2026-12-01T08:00:00Z", "meeting_kind": "preliminary", "rescheduled": "false",
    ]

    static func invitation(rescheduled: String) throws -> RenderedMessage {
        var data = invitation
        data["rescheduled"] = rescheduled
        return try #require(try TemplateCatalogue.bundled().render("meeting_invitation", language: .ru, values: values.values(for: data)))
    }

    @Test("the bundled catalogue has every template in every language, each with a subject, a body and an SMS, and no file without a template")
    func bundled() throws {
        let catalogue = try TemplateCatalogue.bundled()
        for language in Language.allCases {
            for template in NotificationTemplate.allCases {
                let message = try #require(catalogue.render(template.rawValue, language: language, values: [:]), "\(language)/\(template)")
                #expect(!message.subject.isEmpty && !message.body.isEmpty && !message.sms.isEmpty, "\(language)/\(template)")
            }
            let folder = Repository.root.appending(path: "Services/Notifications/Service/Templates/\(language.rawValue)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).map { String($0.dropLast(".mustache".count)) }
            #expect(Set(files) == Set(NotificationTemplate.allCases.map(\.rawValue)), "\(language): \(files.sorted())")
        }
        #expect(catalogue.render("meeting_cancelled", language: .ru, values: [:]) == nil)
        #expect(!TemplateCatalogue.knows("meeting_cancelled"))
        #expect(TemplateCatalogue.knows("meeting_invitation"))
    }

    @Test("every template has a producer: some service's code names it")
    func everyTemplateIsSent() throws {
        let sources = try Repository.swiftSources(under: ["Services", "Shared"]).filter { !$0.hasSuffix("NotificationTemplate.swift") }
        let text = try sources.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
        for template in NotificationTemplate.allCases {
            #expect(text.contains(".\(template)"), "\(template.rawValue) is sent by no service")
        }
    }

    @Test("an invitation shows the meeting's local date and time in Russian, with nothing left unrendered")
    func meetingInvitation() throws {
        let message = try Self.invitation(rescheduled: "false")
        #expect(message.subject.contains("1 декабря 2026"))
        #expect(message.subject.contains("12:00"))
        #expect(!message.subject.contains("\n"))
        #expect(message.body.contains("предварительная встреча"))
        #expect(message.body.contains("12:00") && message.body.contains("13:00"))
        #expect(message.body.hasSuffix("Служба примирения"))
        for part in [message.subject, message.body, message.sms] {
            #expect(!part.contains("{{") && !part.contains("}}"), "\(part)")
        }
        #expect(message.sms.count <= 160, "\(message.sms.count): \(message.sms)")
        #expect(!message.sms.contains("\n"))
    }

    @Test("values are kept as they are, not HTML-escaped")
    func noEscaping() throws {
        let sender = TemplateValues(language: .ru, timeZone: Self.values.timeZone, senderName: #"АНО "Мир & согласие" <ЕКБ>"#)
        let message = try #require(
            try TemplateCatalogue.bundled().render("meeting_invitation", language: .ru, values: sender.values(for: Self.invitation)))
        #expect(message.body.contains(#"АНО "Мир & согласие" <ЕКБ>"#))
        #expect(!message.body.contains("&amp;") && !message.body.contains("&quot;") && !message.body.contains("&#"))
    }

    @Test("the rescheduled wording appears only when the meeting was rescheduled")
    func rescheduled() throws {
        let moved = try Self.invitation(rescheduled: "true")
        #expect(moved.subject.hasPrefix("Встреча перенесена"))
        #expect(moved.body.contains("встреча перенесена на новое время"))
        #expect(moved.sms.hasPrefix("Встреча перенесена."))
        #expect(moved.sms.count <= 160, "\(moved.sms.count): \(moved.sms)")
        for flag in ["false", "", "yes", "TRUE"] {
            let invited = try Self.invitation(rescheduled: flag)
            #expect(invited.subject.hasPrefix("Приглашение на встречу"), "\(flag)")
            for part in [invited.subject, invited.body, invited.sms] {
                #expect(!part.lowercased().contains("перенесена"), "\(flag): \(part)")
            }
        }
    }

    @Test("a referral's status change shows the outcome section only when there is an outcome")
    func referralOutcome() throws {
        let catalogue = try TemplateCatalogue.bundled()
        let data = ["reference_number": "15/2026", "status": "closed", "changed_at": "2026-12-01T07:00:00Z"]
        let withOutcome = try #require(
            catalogue.render("referral_status_changed", language: .ru, values: Self.values.values(for: data.merging(["outcome": "reconciled"]) { $1 })))
        #expect(withOutcome.body.contains("Новый статус: закрыта\nРезультат: примирение достигнуто\n"))
        #expect(withOutcome.sms.contains(", результат — примирение достигнуто"))
        for data in [data, data.merging(["outcome": ""]) { $1 }, data.merging(["outcome": "no_such_outcome"]) { $1 }] {
            let without = try #require(catalogue.render("referral_status_changed", language: .ru, values: Self.values.values(for: data)))
            #expect(without.body.contains("Новый статус: закрыта\nДата изменения:"), "\(data)")
            #expect(!without.body.contains("Результат") && !without.sms.contains("результат"), "\(data)")
        }
    }

    @Test("a template that is not subject, body and SMS separated by lines of --- is refused")
    func compile() throws {
        #expect(throws: TemplateCatalogue.Broken.self) { try TemplateCatalogue.compile("Subject\n---\nBody", file: "ru/x.mustache") }
        #expect(throws: TemplateCatalogue.Broken.self) { try TemplateCatalogue.compile("Subject", file: "ru/x.mustache") }
        #expect(throws: TemplateCatalogue.Broken.self) { try TemplateCatalogue.compile("S\n---\nB\n---\nM\n---\nX", file: "ru/x.mustache") }
        #expect(throws: TemplateCatalogue.Broken.self) { try TemplateCatalogue.compile("S --- B --- M", file: "ru/x.mustache") }
        #expect(throws: TemplateCatalogue.Broken.self) { try TemplateCatalogue.compile("S\n---\n{{#open}}B\n---\nM", file: "ru/x.mustache") }
        let compiled = try TemplateCatalogue.compile("Hello {{name}}\n---\nBody {{name}}\n---\nSMS {{name}}", file: "en/x.mustache")
        #expect(compiled.body.render(["name": "Ivan"]) == "Body Ivan")
    }
}
