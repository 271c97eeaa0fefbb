import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Postgres
import ServiceRuntime
import StaffAccess
import TestSupport
import Testing
@testable import SchedulingService

@Suite("Staff API over HTTP", .freshDatabase)
struct StaffAPITests {
    static let secret = String(repeating: "s", count: 40)

    /// The service on loopback with its own schema, plus one organisation's case work.
    static func run(_ body: @Sendable (any TestClientProtocol, CaseWorkFixture, StaffTokens) async throws -> Void) async throws {
        let work = try await CaseWorkFixture.make()
        defer { Task { await work.pool.close() } }
        let environment = try TestDatabase.required().environment.merging([
            "HTTP_PORT": "0", "LOG_LEVEL": "warning", "DATABASE_POOL_SIZE": "3", "STAFF_TOKEN_SECRET": secret,
        ]) { $1 }
        let app = try await buildApplication(reader: ConfigReader(service: .scheduling, environment: environment))
        let tokens = try await StaffTokens(secret: secret)
        try await app.test(.live) { client in try await body(client, work, tokens) }
    }

    static func headers(_ token: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return headers
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    @Test("no token, a forged one or an expired one is a 401 problem in both languages")
    func authentication() async throws {
        try await Self.run { client, work, tokens in
            let forged = try await StaffTokens(secret: String(repeating: "x", count: 40)).issue(for: work.head, lifetime: 3600)
            let expired = try await tokens.issue(for: work.head, lifetime: 60, now: Date().addingTimeInterval(-3600))
            for token in [nil, "not-a-token", forged, expired] {
                try await client.execute(uri: "/v1/cases", method: .get, headers: Self.headers(token)) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = try Self.json(response.body)
                    #expect(problem["title_ru"] as? String == "Требуется аутентификация")
                }
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("a case is worked over HTTP, scoped to the organisation and the specialist's own cases; refusals are precise")
    func caseOverHTTP() async throws {
        try await Self.run { client, work, tokens in
            let mediator = try await work.addSpecialist()
            let other = try await work.addSpecialist()
            let id = try await work.openCases(1, kind: .schoolIdentification)[0]
            let head = try await tokens.issue(for: work.head, lifetime: 3600)
            let proposedTo = try #require(try await work.transaction { try await CaseRecord.find(id, for: work.head, in: $0) }.proposedSpecialistID)
            let lead = proposedTo == mediator ? mediator : other
            let outsider = proposedTo == mediator ? other : mediator
            let leadToken = try await tokens.issue(
                for: StaffCaller(organisationID: work.organisation, role: .specialist, subject: "lead", specialistID: lead), lifetime: 3600)
            let outsiderToken = try await tokens.issue(
                for: StaffCaller(organisationID: work.organisation, role: .specialist, subject: "out", specialistID: outsider), lifetime: 3600)
            let stranger = try await tokens.issue(
                for: StaffCaller(organisationID: OrganisationID(UUID.v7()), role: .head, subject: "x"), lifetime: 3600)

            try await client.execute(uri: "/v1/cases", method: .get, headers: Self.headers(head)) { response in
                #expect(response.status == .ok)
                let items = try #require(try Self.json(response.body)["items"] as? [[String: Any]])
                #expect(items.count == 1)
                #expect(items.first?["state"] as? String == "identified")
                #expect(items.first?["next_states"] as? [String] == ["information_gathered"])
            }
            for (token, status) in [(leadToken, HTTPResponse.Status.ok), (outsiderToken, .notFound), (stranger, .notFound)] {
                try await client.execute(uri: "/v1/cases/\(id)", method: .get, headers: Self.headers(token)) { #expect($0.status == status) }
            }
            // An illegal move is a 409 naming the rule; an unknown field or a bad id a 422.
            try await client.execute(
                uri: "/v1/cases/\(id)/moves", method: .post, headers: Self.headers(leadToken), body: ByteBuffer(string: #"{"to":"evaluated"}"#)
            ) { response in
                #expect(response.status == .conflict)
                let errors = try #require(try Self.json(response.body)["errors"] as? [[String: Any]])
                #expect(errors.first?["code"] as? String == "illegal_transition")
            }
            try await client.execute(
                uri: "/v1/cases/\(id)/moves", method: .post, headers: Self.headers(leadToken),
                body: ByteBuffer(string: #"{"to":"information_gathered","colour":"red"}"#)
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/v1/cases/not-a-uuid", method: .get, headers: Self.headers(head)) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: "/v1/cases/\(id)/moves", method: .post, headers: Self.headers(leadToken), body: ByteBuffer(string: #"{"to":"information_gathered"}"#)
            ) { response in
                #expect(response.status == .ok)
                let moved = try Self.json(response.body)
                #expect(moved["state"] as? String == "information_gathered")
            }
            // Only a head assigns.
            let assignment = ByteBuffer(string: #"{"specialist_id":"\#(lead)"}"#)
            try await client.execute(uri: "/v1/cases/\(id)/specialist", method: .put, headers: Self.headers(leadToken), body: assignment) {
                #expect($0.status == .forbidden)
            }
            // A party with lessons, then the earliest slot and a booking at it; the same booking again is a 409.
            let party = ByteBuffer(string: #"{"role":"minor","full_name":"Иванов Иван","busy_hours":[{"weekday":1,"starts":"08:00","ends":"14:00"}]}"#)
            var partyID = ""
            try await client.execute(uri: "/v1/cases/\(id)/parties", method: .post, headers: Self.headers(leadToken), body: party) { response in
                #expect(response.status == .created)
                partyID = try #require(try Self.json(response.body)["id"] as? String)
            }
            let search = ByteBuffer(string: #"{"specialist_ids":["\#(lead)"],"party_ids":["\#(partyID)"],"duration_minutes":45,"needs_room":false,"limit":1}"#)
            var slot: [String: Any] = [:]
            try await client.execute(uri: "/v1/slot-searches", method: .post, headers: Self.headers(leadToken), body: search) { response in
                #expect(response.status == .ok)
                slot = try #require((try Self.json(response.body)["slots"] as? [[String: Any]])?.first)
            }
            let starts = try #require(slot["starts_at"] as? String), ends = try #require(slot["ends_at"] as? String)
            let booking = ByteBuffer(
                string: #"{"kind":"preliminary","starts_at":"\#(starts)","ends_at":"\#(ends)","specialist_ids":["\#(lead)"],"party_ids":["\#(partyID)"]}"#)
            try await client.execute(uri: "/v1/cases/\(id)/meetings", method: .post, headers: Self.headers(leadToken), body: booking) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/v1/cases/\(id)/meetings", method: .post, headers: Self.headers(leadToken), body: booking) { response in
                #expect(response.status == .conflict)
                let problem = try Self.json(response.body)
                #expect((problem["errors"] as? [[String: Any]])?.first?["code"] as? String == "booking_conflict")
            }
            // Reading parties is audited, with the token's subject; nothing personal reaches the log's columns.
            try await client.execute(uri: "/v1/cases/\(id)/parties", method: .get, headers: Self.headers(leadToken)) { #expect($0.status == .ok) }
            #expect(try await work.pool.count("SELECT count(*) FROM scheduling.audit_log WHERE action = 'party.read' AND actor = 'staff:lead'") == 1)
        }
    }

    /// The first error of a 422 (or 409) problem: its pointer and code; `-` when there is none.
    static func firstError(_ response: TestResponse) -> String {
        guard let errors = (try? json(response.body))?["errors"] as? [[String: Any]], let first = errors.first else { return "-" }
        return "\(first["pointer"] as? String ?? "-") \(first["code"] as? String ?? "-")"
    }

    @Test("what fuzzing the API found: bad input is a precise 4xx, never a 500, and answers keep to the document")
    func fuzzFindings() async throws {
        try await Self.run { client, work, tokens in
            let specialist = try await work.addSpecialist()
            let id = try await work.openCases(1, kind: .schoolIdentification)[0]
            let head = try await tokens.issue(for: work.head, lifetime: 3600)
            /// A token's headers without a media type, for a request without a body.
            func bare(_ token: String) -> HTTPFields {
                var headers = Self.headers(token)
                headers[.contentType] = nil
                return headers
            }
            func post(_ uri: String, _ body: String?, method: HTTPRequest.Method = .post, headers: HTTPFields? = nil,
                      _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
                try await client.execute(
                    uri: uri, method: method, headers: headers ?? Self.headers(head), body: body.map { ByteBuffer(string: $0) }, testCallback: check)
            }

            // A NUL (which libpq would have cut the name at) or a line break in a name, a
            // control character in a note: 422 naming the field, nothing stored.
            try await post("/v1/rooms", #"{"name":"a\u0000b","capacity":3}"#) {
                #expect($0.status == .unprocessableContent)
                #expect(Self.firstError($0) == "/name invalid_characters")
            }
            try await post("/v1/rooms", #"{"name":"Кабинет\n12","capacity":3}"#) { #expect(Self.firstError($0) == "/name invalid_characters") }
            try await post("/v1/cases/\(id)/parties", #"{"role":"minor","full_name":"Иванов Иван","phone":"\u0007"}"#) {
                #expect(Self.firstError($0) == "/phone invalid_characters")
            }
            try await post("/v1/cases/\(id)/parties", #"{"role":"minor","full_name":"Иванов Иван","phone":"\#(String(repeating: "1", count: 41))"}"#) {
                #expect(Self.firstError($0) == "/phone too_long")
            }
            #expect(try await work.pool.count("SELECT count(*) FROM scheduling.rooms") == 0)
            // Busy hours of one weekday that overlap: a 422, not the table's key violated.
            try await post(
                "/v1/cases/\(id)/parties",
                #"{"role":"minor","full_name":"Иванов Иван","busy_hours":[{"weekday":1,"starts":"05:57","ends":"21:14"},{"weekday":1,"starts":"05:57","ends":"24:00"}]}"#
            ) { #expect(Self.firstError($0) == "/busy_hours overlapping") }

            // A year outside 2000–2100, or no integer at all, names the parameter; so does an unknown state.
            for query in ["/v1/methodological-visits?year=-177440773140155", "/v1/holidays?year=2101", "/v1/work-plans?year=x"] {
                try await post(query, nil, method: .get) { response in
                    #expect(response.status == .unprocessableContent, "\(query)")
                    #expect(Self.firstError(response).hasPrefix("year "), "\(query)")
                }
            }
            try await post("/v1/cases?state=AAA", nil, method: .get) { #expect(Self.firstError($0) == "state invalid_value") }

            // The same work plan twice is the documented 409.
            try await post("/v1/work-plans", #"{"year":2026,"title":"План"}"#) { #expect($0.status == .created) }
            try await post("/v1/work-plans", #"{"year":2026,"title":" План "}"#) {
                #expect($0.status == .conflict)
                #expect(Self.firstError($0) == " work_plan_exists")
            }
            // An activity moved to another period, then called off; called off, it moves no more.
            var planID = "", activityID = ""
            try await client.execute(uri: "/v1/work-plans?year=2026", method: .get, headers: Self.headers(head)) { response in
                planID = try #require((try Self.json(response.body)["items"] as? [[String: Any]])?.first?["id"] as? String)
            }
            let activity = ByteBuffer(
                string: #"{"title":"Семинар","kind":"training","period_start":"2026-10-01","period_end":"2026-10-31","responsible":"Психолог"}"#)
            try await client.execute(uri: "/v1/work-plans/\(planID)/activities", method: .post, headers: Self.headers(head), body: activity) { response in
                #expect(response.status == .created)
                activityID = try #require(try Self.json(response.body)["id"] as? String)
            }
            let activityURI = "/v1/work-plans/\(planID)/activities/\(activityID)"
            try await post("\(activityURI)/period", #"{"period_start":"2026-09-01","period_end":"2026-09-30"}"#, method: .put) { response in
                #expect(response.status == .ok)
                let moved = try Self.json(response.body)
                #expect(moved["period_start"] as? String == "2026-09-01")
            }
            try await post("\(activityURI)/period", #"{"period_start":"2026-09-01","period_end":"2026-08-31"}"#, method: .put) {
                #expect(Self.firstError($0) == "/period_end before_start")
            }
            try await post("\(activityURI)/cancellation", nil, headers: bare(head)) { response in
                #expect(response.status == .ok)
                let cancelled = try Self.json(response.body)
                #expect(cancelled["cancelled_on"] is String)
            }
            try await post("\(activityURI)/period", #"{"period_start":"2026-10-01","period_end":"2026-10-31"}"#, method: .put) {
                #expect($0.status == .conflict)
                #expect(Self.firstError($0) == " activity_cancelled")
            }

            // Working hours may end at 24:00, and read back so (the document allows it).
            try await post("/v1/specialists/\(specialist)/working-hours", #"{"hours":[{"weekday":1,"starts":"20:00","ends":"24:00"}]}"#, method: .put) {
                #expect($0.status == .ok)
                let hours = try #require(try Self.json($0.body)["working_hours"] as? [[String: Any]])
                #expect(hours.first?["ends"] as? String == "24:00")
            }

            // A slot search that would run past the year 9999 is a 422, not a timestamp PostgreSQL cannot take.
            try await post(
                "/v1/slot-searches", #"{"specialist_ids":["\#(specialist)"],"duration_minutes":60,"from":"9999-12-31T23:00:00Z","needs_room":false}"#
            ) { #expect(Self.firstError($0) == "/from out_of_range") }

            // A body the document lets go may be omitted: no bytes and no media type is not a 415.
            try await post("/v1/meetings/\(UUID())/cancellation", nil, headers: bare(head)) { #expect($0.status == .notFound) }
            try await post("/v1/meetings/\(UUID())/held", "", headers: bare(head)) { #expect($0.status == .notFound) }
            // An operation that needs a body names what it misses; bytes without a media type stay a 415.
            try await post("/v1/rooms", nil, headers: bare(head)) { #expect(Self.firstError($0) == "/name required") }
            try await post("/v1/rooms", #"{"name":"x","capacity":1}"#, headers: bare(head)) { #expect($0.status == .unsupportedMediaType) }
        }
    }
}
