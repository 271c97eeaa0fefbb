import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SchedulingAPI
import ServiceRuntime
import TestSupport
import Testing
@testable import SchedulingService

/// A body the generated server cannot decode is answered with every problem in it, not the
/// first it stopped at: one 422, every pointer (issue 17 item 3).
@Suite("Scheduling reports every problem of a body at once", .freshDatabase)
struct AllProblemsAtOnceTests {
    /// Sends `body` and returns the status and the 422's problems as "pointer code", in order.
    private static func problems(
        _ client: any TestClientProtocol, _ token: String, _ uri: String, _ body: String, method: HTTPRequest.Method = .post
    ) async throws -> (HTTPResponse.Status, [String]) {
        try await client.execute(uri: uri, method: method, headers: StaffAPITests.headers(token), body: ByteBuffer(string: body)) { response in
            let errors = (try? StaffAPITests.json(response.body))?["errors"] as? [[String: Any]] ?? []
            return (response.status, errors.map { "\($0["pointer"] as? String ?? "-") \($0["code"] as? String ?? "-")" })
        }
    }

    @Test("two values outside their enumerations: both named")
    func twoBadEnumerations() async throws {
        try await StaffAPITests.run { client, work, tokens in
            let id = try await work.openCases(1)[0]
            let head = try await tokens.issue(for: work.head, lifetime: 3600)
            let (status, found) = try await Self.problems(client, head, "/v1/cases/\(id)/moves", #"{"to":"flying","outcome":"maybe"}"#)
            #expect(status == .unprocessableContent)
            #expect(found == ["/to invalid_value", "/outcome invalid_value"])
        }
    }

    @Test("a wrong type or a missing field beside a NUL byte: both named, the NUL as invalid_characters")
    func decodingAndForbiddenCharacters() async throws {
        try await StaffAPITests.run { client, work, tokens in
            let head = try await tokens.issue(for: work.head, lifetime: 3600)
            let (status, found) = try await Self.problems(client, head, "/v1/rooms", #"{"name":"Кабинет\u00003","capacity":"two"}"#)
            #expect(status == .unprocessableContent)
            #expect(Set(found) == ["/capacity wrong_type", "/name invalid_characters"])
            let (_, missing) = try await Self.problems(client, head, "/v1/rooms", #"{"name":"Кабинет\u00003"}"#)
            #expect(Set(missing) == ["/capacity required", "/name invalid_characters"])
            #expect(try await work.pool.count("SELECT count(*) FROM scheduling.rooms") == 0)
        }
    }

    @Test("undocumented fields and a value of the wrong type: each field named, the unknown ones as unknown_field")
    func unknownFieldsAndWrongType() async throws {
        try await StaffAPITests.run { client, work, tokens in
            let head = try await tokens.issue(for: work.head, lifetime: 3600)
            let (status, found) = try await Self.problems(client, head, "/v1/rooms", #"{"name":5,"capacity":2,"floor":2,"colour":"red"}"#)
            #expect(status == .unprocessableContent)
            #expect(found == ["/name wrong_type", "/colour unknown_field", "/floor unknown_field"])
            // Unknown fields alone: every one, not the first as an invalid value.
            let (_, unknown) = try await Self.problems(client, head, "/v1/rooms", #"{"name":"Кабинет 3","capacity":2,"floor":2,"colour":"red"}"#)
            #expect(unknown == ["/colour unknown_field", "/floor unknown_field"])
            #expect(try await work.pool.count("SELECT count(*) FROM scheduling.rooms") == 0)
        }
    }

    @Test("a missing required field and a date that is not one: both named; alone, the date is a 422 (it was a 400, not JSON); fractional seconds are no problem")
    func missingFieldAndBadDate() async throws {
        try await StaffAPITests.run { client, work, tokens in
            let id = try await work.openCases(1)[0]
            let head = try await tokens.issue(for: work.head, lifetime: 3600)
            let (status, found) = try await Self.problems(
                client, head, "/v1/cases/\(id)/meetings", #"{"starts_at":"tomorrow","ends_at":"2026-12-01T10:00:00.123456Z","specialist_ids":[]}"#)
            #expect(status == .unprocessableContent)
            #expect(found == ["/kind required", "/starts_at invalid_value"])
            // Alone, a date that is not one is a 422 naming it, not the 400 for text that is not JSON
            // (the date transcoder's error names no field).
            let (alone, date) = try await Self.problems(
                client, head, "/v1/cases/\(id)/meetings", #"{"kind":"main","starts_at":"tomorrow","ends_at":"2026-12-01T10:00:00Z","specialist_ids":[]}"#)
            #expect(alone == .unprocessableContent)
            #expect(date == ["/starts_at invalid_value"])
        }
    }

    @Test("problems deep in a body, and in the one a request without bytes stands for, are all named")
    func nestedAndOmitted() async throws {
        try await StaffAPITests.run { client, work, tokens in
            let id = try await work.openCases(1)[0]
            let head = try await tokens.issue(for: work.head, lifetime: 3600)
            let (_, found) = try await Self.problems(
                client, head, "/v1/cases/\(id)/parties",
                #"{"role":"uncle","full_name":"Иванов Иван","language":"fr","busy_hours":[{"weekday":"monday","starts":"09:00","ends":"10:00","note":"x"},{"starts":"09:00"}]}"#)
            #expect(found == [
                "/role invalid_value", "/language invalid_value", "/busy_hours/0/weekday wrong_type", "/busy_hours/0/note unknown_field",
                "/busy_hours/1/weekday required", "/busy_hours/1/ends required",
            ])
            // A body that needs fields, sent without any: each missing one named.
            let (status, missing) = try await Self.problems(client, head, "/v1/rooms", "{}")
            #expect(status == .unprocessableContent)
            #expect(missing == ["/name required", "/capacity required"])
        }
    }

    @Test("every operation with a body in the OpenAPI document has its body listed")
    func everyBodyListed() throws {
        let document = String(decoding: try SchedulingAPIDocument.contents(), as: UTF8.self)
        #expect(RequestBodies.scheduling.operationIDs == OpenAPIOperations.takingBodies(in: document))
    }
}
