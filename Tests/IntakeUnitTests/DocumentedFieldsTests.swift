import Foundation
import IntakeAPI
@testable import IntakeService
import Testing
import TestSupport

@Suite("Undocumented fields")
struct DocumentedFieldsTests {
    static let referral = DocumentedFields.referralSubmission

    static func issues(_ json: String) -> [String] {
        referral.undocumented(in: json).map(\.pointer)
    }

    @Test("the shapes follow the generated types: objects, arrays of objects, scalars")
    func shapes() throws {
        guard case .object(let fields) = Self.referral.shape else {
            Issue.record("a referral is an object")
            return
        }
        #expect(fields.keys.contains("source") && fields.keys.contains("minors") && fields.keys.contains("sender_deadline"))
        guard case .array(.object(let minor)) = fields["minors"] else {
            Issue.record("minors is an array of objects")
            return
        }
        #expect(Set(minor.keys).isSuperset(of: ["ref", "name", "birth_date", "role", "class_name"]))
        #expect(fields["nature"] == .any)
        #expect(fields["requested_responses"] == .array(.any))
        guard case .object(let source) = fields["source"], case .object(let reference) = source["reference"] else {
            Issue.record("source.reference is an object")
            return
        }
        #expect(Set(reference.keys) == ["number", "date"])
        guard case .object(let webhook) = DocumentedFields.webhookRegistration.shape else { return }
        #expect(Array(webhook.keys) == ["url"])
    }

    @Test("the document's own examples carry only documented fields")
    func examples() throws {
        let document = String(decoding: try IntakeAPIDocument.contents(), as: UTF8.self)
        // Each request example is a one-line JSON object after `example: ` in the document.
        let examples = document.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "example: {") else { return nil }
            return String(line[line.index(before: range.upperBound)...])
        }
        #expect(examples.count >= 2)
        let bodies = examples.filter { $0.contains("\"minors\"") }
        #expect(!bodies.isEmpty)
        for body in bodies { #expect(Self.issues(body) == []) }
    }

    @Test("every undocumented field is reported with its pointer, at any depth")
    func reported() {
        #expect(Self.issues(#"{"nature":"conflict","nick":"x"}"#) == ["/nick"])
        #expect(Self.issues(#"{"source":{"reference":{"number":"1","extra":[1,{"a":2}]}}}"#) == ["/source/reference/extra"])
        #expect(Self.issues(#"{"minors":[{"ref":"a"},{"ref":"b","pet":{"name":"Рыжик"}}]}"#) == ["/minors/1/pet"])
        #expect(Self.issues(#"{"a/b":1,"c~d":2}"#) == ["/a~1b", "/c~0d"])
        #expect(Self.issues(#"{"x":1,"y":2,"nature":"offence","z":{"w":[]}}"#) == ["/x", "/y", "/z"])
    }

    @Test("names are compared as the decoder reads them: escapes undone")
    func escapes() {
        #expect(Self.issues(#"{"na\u0074ure":"conflict","\u0073ource":{}}"#) == [])
        #expect(Self.issues(#"{"nat\u00fcre":1}"#) == ["/natüre"])
        #expect(Self.issues(#"{"\ud83d\ude42":1}"#) == ["/🙂"])
    }

    @Test("documented fields with any value, null included, pass")
    func values() {
        #expect(Self.issues(#"{"place":null,"minors":[],"attachments":null,"description":"{\"nick\":1}","sender_deadline":null}"#) == [])
        #expect(Self.issues(" { \"nature\" : \"conflict\" , \"minors\" : [ { \"ref\" : \"a\" } ] } ") == [])
    }

    @Test("random and broken text never crashes the scan", arguments: 0..<8)
    func fuzz(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let alphabet = Array(#"{}[]",:\ nu0123truefalse"minors"ref"place"x"#.utf8) + [0xD0, 0xB6, 0x00]
        let seedBody = Array(#"{"minors":[{"ref":"a","name":{"x":"\u0041"}}],"place":{"y":1},"q":[{"r":2}]}"#.utf8)
        for _ in 0..<2_000 {
            var bytes = seedBody
            for _ in 0..<Int(random.next() % 6) {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
                }
            }
            let issues = Self.referral.undocumented(in: String(decoding: bytes, as: UTF8.self))
            #expect(issues.count <= DocumentedFields.reportLimit)
            #expect(issues.allSatisfy { $0.pointer.hasPrefix("/") && $0.code == "unknown_field" })
        }
    }

    @Test("at most reportLimit fields are listed")
    func limit() {
        let body = "{" + (0..<500).map { "\"f\($0)\":\($0)" }.joined(separator: ",") + "}"
        #expect(Self.referral.undocumented(in: body).count == DocumentedFields.reportLimit)
    }
}
