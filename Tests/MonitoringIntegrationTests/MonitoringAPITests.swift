import Foundation
import Hummingbird
import HummingbirdTesting
import MonitoringService
import Testing
import TestSupport

/// The reports API: who may ask for, read, submit and accept which report; precise problems for
/// bad input; the CSV export.
@Suite("Monitoring API", .freshDatabase)
struct MonitoringAPITests {
    private func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String, json: String? = nil
    ) async throws -> (status: HTTPResponse.Status, object: [String: Any], body: Data) {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            let body = Data(buffer: response.body)
            return (response.status, (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:], body)
        }
    }

    /// Polls a report until it is complete.
    private func completed(_ client: some TestClientProtocol, _ id: String, token: String) async throws -> [String: Any] {
        var report: [String: Any] = [:]
        _ = try await eventually(within: .seconds(20)) {
            report = try await call(client, .get, "/v1/reports/\(id)", token: token).object
            return report["completed_at"] != nil
        }
        return report
    }

    @Test("a school's head asks for and submits its report, its specialist only reads it, the municipal head accepts it, a stranger sees nothing")
    func schoolReport() async throws {
        let harness = try await MonitoringHarness.prepare()
        let history = try await harness.knownHistory()
        let (municipality, school) = (history.municipality, history.school)
        let other = try await harness.organisation(kind: .schoolService, municipality: municipality)
        try await harness.serving { client in
            #expect(try await harness.projected())
            let head = try await harness.token(.head, organisation: school)
            let specialist = try await harness.token(.specialist, organisation: school)
            let municipalHead = try await harness.token(.head, organisation: municipality)
            let stranger = try await harness.token(.head, organisation: other)

            #expect(try await call(client, .post, "/v1/reports", token: specialist, json: #"{"scope": "organisation", "quarter": "2026-Q3"}"#).status == .forbidden)
            let asked = try await call(client, .post, "/v1/reports", token: head, json: #"{"scope": "organisation", "quarter": "2026-Q3"}"#)
            #expect(asked.status == .accepted)
            let id = try #require(asked.object["id"] as? String)
            #expect((asked.object["progress"] as? [String: Any])?["total"] as? Int == 1)

            let report = try await completed(client, id, token: specialist)
            let figures = report["figures"] as? [[String: Any]] ?? []
            #expect(figures.contains { $0["indicator"] as? String == "referrals_received" && $0["dimension"] as? String == "court" && $0["value"] as? Double == 1 })
            let derived = report["derived"] as? [String: Any]
            #expect(derived?["share_processed"] as? Double == 1 && derived?["mean_first_contact_hours"] as? Double == 48)
            #expect(try await call(client, .get, "/v1/reports/\(id)", token: stranger).status == .notFound)
            #expect(try await call(client, .post, "/v1/reports/\(id)/submit", token: specialist).status == .forbidden)
            #expect(try await call(client, .post, "/v1/reports/\(id)/accept", token: municipalHead).object["errors"].flatMap {
                ($0 as? [[String: Any]])?.first?["code"] as? String
            } == "report_not_submitted")
            #expect(try await call(client, .post, "/v1/reports/\(id)/submit", token: head).object["state"] as? String == "submitted")
            let again = try await call(client, .post, "/v1/reports/\(id)/submit", token: head)
            #expect(again.status == .conflict && (again.object["errors"] as? [[String: Any]])?.first?["code"] as? String == "report_not_draft")
            #expect(try await call(client, .post, "/v1/reports/\(id)/accept", token: head).status == .forbidden, "a school does not accept its own report")
            let accepted = try await call(client, .post, "/v1/reports/\(id)/accept", token: municipalHead)
            #expect(accepted.status == .ok && accepted.object["state"] as? String == "accepted" && accepted.object["accepted_by"] as? String == "staff:head-tests")

            let listed = try await call(client, .get, "/v1/reports?quarter=2026-Q3", token: municipalHead)
            #expect((listed.object["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            #expect((try await call(client, .get, "/v1/reports", token: stranger).object["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a region's report is the administrator's; the municipality's lists the schools that have not reported")
    func regionAndMunicipality() async throws {
        let harness = try await MonitoringHarness.prepare()
        let municipality = try await harness.organisation(kind: .municipalService)
        let school = try await harness.organisation(kind: .schoolService, municipality: municipality)
        try await harness.serving { client in
            let administrator = try await harness.token(.administrator, organisation: municipality)
            let municipalHead = try await harness.token(.head, organisation: municipality)
            let schoolHead = try await harness.token(.head, organisation: school)
            #expect(try await call(client, .post, "/v1/reports", token: municipalHead, json: #"{"scope": "region", "quarter": "2026-Q3"}"#).status == .forbidden)
            let conflict = try await call(client, .post, "/v1/reports", token: schoolHead, json: #"{"scope": "municipality", "quarter": "2026-Q3"}"#)
            #expect(conflict.status == .conflict && (conflict.object["errors"] as? [[String: Any]])?.first?["code"] as? String == "not_a_municipal_service")
            let region = try await call(client, .post, "/v1/reports", token: administrator, json: #"{"scope": "region", "quarter": "2026-Q3"}"#)
            #expect(region.status == .accepted && region.object["region"] as? String == "perm")
            let municipal = try await call(client, .post, "/v1/reports", token: municipalHead, json: #"{"scope": "municipality", "quarter": "2026-Q3"}"#)
            let report = try await completed(client, try #require(municipal.object["id"] as? String), token: municipalHead)
            #expect((report["not_yet_reported"] as? [[String: Any]])?.compactMap { $0["organisation_id"] as? String } == [school.uuidString.lowercased()])
            #expect(try await call(client, .get, "/v1/reports/\(try #require(region.object["id"] as? String))", token: municipalHead).status == .notFound)
        }
    }

    @Test("bad input gets a precise problem: a bad quarter or scope is a 422 naming it, an unknown field is a 422, an unregistered organisation a 403")
    func badInput() async throws {
        let harness = try await MonitoringHarness.prepare()
        let school = try await harness.organisation(kind: .schoolService)
        try await harness.serving { client in
            let head = try await harness.token(.head, organisation: school)
            let quarter = try await call(client, .post, "/v1/reports", token: head, json: #"{"scope": "organisation", "quarter": "2026-Q5"}"#)
            #expect(quarter.status == .unprocessableContent)
            #expect((quarter.object["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/quarter")
            #expect((quarter.object["errors"] as? [[String: Any]])?.first?["message_ru"] as? String != nil)
            let unknown = try await call(client, .post, "/v1/reports", token: head, json: #"{"scope": "organisation", "quarter": "2026-Q3", "organisation_id": "x"}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(try await call(client, .get, "/v1/reports?scope=planet", token: head).status == .unprocessableContent)
            #expect(try await call(client, .get, "/v1/reports?quarter=2026-3", token: head).status == .unprocessableContent)
            #expect(try await call(client, .get, "/v1/reports/not-a-uuid", token: head).status == .notFound)
            let unregistered = try await harness.token(.head, organisation: UUID())
            let refused = try await call(client, .get, "/v1/reports", token: unregistered)
            #expect(refused.status == .forbidden && (refused.object["type"] as? String)?.hasSuffix("organisation-not-registered") == true)
            #expect(try await call(client, .get, "/v1/reports", token: "not-a-token").status == .unauthorized)
            #expect(try await harness.pool.count("SELECT count(*) FROM monitoring.reports") == 0, "nothing written")
        }
    }

    @Test("exports: CSV for Russian-locale Excel (BOM, semicolons, decimal comma, CRLF), a workbook an independent reader opens, a printable page with Russian charts")
    func csvExport() async throws {
        let harness = try await MonitoringHarness.prepare()
        let history = try await harness.knownHistory()
        let school = history.school
        try await harness.serving { client in
            #expect(try await harness.projected())
            let head = try await harness.token(.head, organisation: school)
            let id = try #require(try await call(client, .post, "/v1/reports", token: head, json: #"{"scope": "organisation", "quarter": "2026-Q3"}"#).object["id"] as? String)
            _ = try await completed(client, id, token: head)
            let csv = try await call(client, .get, "/v1/reports/\(id)/export.csv", token: head)
            #expect(csv.status == .ok)
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: csv.body.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "Отчёт;Квартал;Редакция;Показатель;Разрез;Значение")
            #expect(lines.contains("organisation;2026-Q3;1;first_contact_hours;;96"))
            #expect(lines.count == KnownHistory.expectedForSchool.count + 1, "one row per figure: \(lines.count)")

            // The workbook, read by an independent reader: Python's zipfile (CRCs) and ElementTree.
            let workbook = try await call(client, .get, "/v1/reports/\(id)/export.xlsx", token: head)
            #expect(workbook.status == .ok)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID()).xlsx")
            try workbook.body.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let check = """
                import sys, zipfile, xml.etree.ElementTree as E
                z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
                assert set(z.namelist()) >= {'[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'}
                ns = {'s': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
                rows = E.fromstring(z.read('xl/worksheets/sheet1.xml')).findall('.//s:row', ns)
                assert len(rows) == int(sys.argv[2]) + 1, len(rows)
                cells = {''.join(c.itertext()) for r in rows for c in r}
                assert 'first_contact_hours' in cells and '96' in cells and 'Показатель' in cells
                name = E.fromstring(z.read('xl/workbook.xml')).find('.//s:sheet', ns).get('name')
                assert name == 'Показатели', name
                """
            let python = ProcessInfo.processInfo.environment["ACCORD_TEST_PYTHON"] ?? "python3"
            let status = try await runShell("\(python) -c \"$(printf '%s' '\(Data(check.utf8).base64EncodedString())' | base64 -d)\" \(file.path) \(KnownHistory.expectedForSchool.count)")
            #expect(status == 0, "the workbook failed Python's checks")

            let page = try await call(client, .get, "/v1/reports/\(id)/export.html", token: head)
            let html = String(decoding: page.body, as: UTF8.self)
            #expect(page.status == .ok && html.hasPrefix("<!doctype html>"))
            #expect(html.contains("3 квартал 2026 года") && html.contains("Заявки по источникам") && html.contains("Суд"))
            #expect(html.contains("Медиация") && html.contains("<svg") && html.contains("Доля обработанных заявок: 100.0 %"))
        }
    }

    @Test("a conclusion for a court: drawn from the case's history, no names, kept as prepared; the head prepares it, its people read it, others see nothing")
    func conclusions() async throws {
        let harness = try await MonitoringHarness.prepare()
        let history = try await harness.knownHistory()
        let (municipality, school) = (history.municipality, history.school)
        try await harness.serving { client in
            #expect(try await harness.projected())
            let head = try await harness.token(.head, organisation: school)
            let specialist = try await harness.token(.specialist, organisation: school)
            let stranger = try await harness.token(.head, organisation: municipality)
            let request = #"{"requested_by": "court", "request_reference": "2-1234/2026", "requested_on": "2026-10-05"}"#
            let path = "/v1/cases/\(history.reconciledCase.uuid.uuidString.lowercased())/conclusions"

            #expect(try await call(client, .post, path, token: specialist, json: request).status == .forbidden)
            #expect(try await call(client, .post, path, token: stranger, json: request).status == .notFound)
            let prepared = try await call(client, .post, path, token: head, json: request)
            #expect(prepared.status == .created)
            let steps = (prepared.object["steps"] as? [[String: Any]])?.compactMap { $0["what"] as? String }
            #expect(steps == [
                "referral_received", "case_opened", "programme_started", "first_contact", "meeting_held:preliminary", "meeting_held:main",
                "agreement_reached", "closed",
            ])
            #expect(prepared.object["meetings_held"] as? Int == 2 && prepared.object["outcome"] as? String == "agreement_fulfilled")
            #expect(prepared.object["agreement_terms"] as? Int == 3 && prepared.object["agreement_terms_kept"] as? Int == 3)
            let id = try #require(prepared.object["id"] as? String)
            #expect(try await call(client, .get, "/v1/conclusions/\(id)", token: specialist).object["request_reference"] as? String == "2-1234/2026")
            #expect(try await call(client, .get, "/v1/conclusions/\(id)", token: stranger).status == .notFound)

            let accompanied = "/v1/cases/\(history.accompaniedCase.uuid.uuidString.lowercased())/conclusions"
            let second = try await call(client, .post, accompanied, token: head, json: request)
            #expect((second.object["profiles"] as? [[String: Any]])?.count == 2)
            let interventions = second.object["interventions"] as? [[String: Any]]
            #expect(interventions?.count == 1 && interventions?.first?["kind"] as? String == "home_visit" && interventions?.first?["status"] as? String == "done")
            let page = String(decoding: try await call(client, .get, "/v1/conclusions/\(try #require(second.object["id"] as? String))/export.html", token: head).body, as: UTF8.self)
            #expect(page.contains("По запросу суда № 2-1234/2026 от 05.10.2026") && page.contains("Динамика обучающегося") && page.contains("<polyline"))
            #expect(page.contains("Вмешательства плана сопровождения") && page.contains("01.05.2026 — 30.06.2026") && page.contains("<rect"))

            let invalid = try await call(client, .post, path, token: head, json: #"{"requested_by": "court", "request_reference": " ", "requested_on": "2026-13-01"}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(Set((invalid.object["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String } ?? []) == ["/request_reference", "/requested_on"])
            #expect(try await call(client, .post, "/v1/cases/\(UUID().uuidString)/conclusions", token: head, json: request).status == .notFound)
            #expect(try await harness.pool.count("SELECT count(*) FROM monitoring.conclusions WHERE prepared_by = 'staff:head-tests'") == 2)
        }
    }
}
