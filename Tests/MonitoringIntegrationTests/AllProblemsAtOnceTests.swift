import Foundation
import Hummingbird
import HummingbirdTesting
import MonitoringAPI
@testable import MonitoringService
import ServiceRuntime
import Testing
import TestSupport

/// A body the generated server cannot decode is answered with every problem in it, not the
/// first it stopped at: one 422, every pointer (issue 17 item 3).
@Suite("Monitoring reports every problem of a body at once", .freshDatabase)
struct AllProblemsAtOnceTests {
    @Test("a value outside its enumeration, one of the wrong type and undocumented fields: all named")
    func reportRequest() async throws {
        let harness = try await MonitoringHarness.prepare()
        let school = try await harness.organisation(kind: .schoolService)
        try await harness.serving { client in
            let head = try await harness.token(.head, organisation: school)
            let headers: HTTPFields = [.authorization: "Bearer \(head)", .contentType: "application/json"]
            let found = try await client.execute(
                uri: "/v1/reports", method: .post, headers: headers, body: ByteBuffer(string: #"{"scope":"planet","quarter":2026,"b":1,"a":2}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return (problem?["errors"] as? [[String: Any]] ?? []).map { "\($0["pointer"] as? String ?? "-") \($0["code"] as? String ?? "-")" }
            }
            #expect(found == ["/scope invalid_value", "/quarter wrong_type", "/a unknown_field", "/b unknown_field"])
        }
    }

    @Test("every operation with a body in the OpenAPI document has its body listed")
    func everyBodyListed() throws {
        let document = String(decoding: try MonitoringAPIDocument.contents(), as: UTF8.self)
        #expect(RequestBodies.monitoring.operationIDs == OpenAPIOperations.takingBodies(in: document))
    }
}
