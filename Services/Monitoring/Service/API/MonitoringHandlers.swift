import Foundation
import Models
import MonitoringAPI
import OpenAPIRuntime
import Postgres
import ServiceRuntime
import StaffAccess

/// The monitoring API's operations: each reads its input, runs the store in one transaction as
/// the authenticated caller within their reach (``ReportAccess``), and encodes the answer.
struct MonitoringHandlers: APIProtocol {
    let pool: PostgresPool

    /// Runs `body` in a transaction with the caller's reach.
    func withAccess<T: Sendable>(_ body: (ReportAccess, PostgresConnection) async throws -> T) async throws -> T {
        let caller = try StaffRequest.required()
        return try await pool.withTransaction { connection in try await body(try await ReportAccess.of(caller, on: connection), connection) }
    }

    /// A report the caller may read, with the municipal service of the organisation it is about.
    private func readable(_ text: String, access: ReportAccess, on connection: PostgresConnection) async throws -> (QuarterlyReport, UUID?) {
        guard let id = UUID(uuidString: text), let report = try await ReportStore.reports(readableBy: access, id: id, on: connection).first else {
            throw ReportRefusal.notFound
        }
        return (report, try await ReportStore.municipality(of: report.organisationID, on: connection))
    }

    func listReports(_ input: Operations.ListReports.Input) async throws -> Operations.ListReports.Output {
        let quarter = try input.query.quarter.map { try Self.quarter($0, at: "quarter") }
        let scope = input.query.scope.map { QuarterlyReport.Scope(rawValue: $0.rawValue)! }
        let reports = try await withAccess { try await ReportStore.reports(readableBy: $0, quarter: quarter, scope: scope, on: $1) }
        return .ok(.init(body: .json(.init(items: reports.map { Components.Schemas.Report($0) }))))
    }

    func requestReport(_ input: Operations.RequestReport.Input) async throws -> Operations.RequestReport.Output {
        guard case .json(let body) = input.body else { throw APIProblem.unsupportedMediaType }
        let quarter = try Self.quarter(body.quarter, at: "/quarter")
        let scope = QuarterlyReport.Scope(rawValue: body.scope.rawValue)!
        let report = try await withAccess { access, connection in
            let (organisation, region) = try access.requestable(scope)
            return try await ReportStore.request(scope, organisation: organisation, region: region, quarter: quarter, in: connection)
        }
        return .accepted(.init(body: .json(.init(report))))
    }

    func getReport(_ input: Operations.GetReport.Input) async throws -> Operations.GetReport.Output {
        let document = try await withAccess { access, connection in
            let (report, _) = try await readable(input.path.reportId, access: access, on: connection)
            let totals = try await ReportStore.totals(of: report.id, on: connection)
            let missing = try await ReportStore.notYetReported(in: report, on: connection)
            return Components.Schemas.Report(report, totals: totals, notYetReported: missing)
        }
        return .ok(.init(body: .json(document)))
    }

    /// A complete report the caller may read, rendered with its totals for an export.
    private func exported<T: Sendable>(
        _ text: String, _ render: (QuarterlyReport, [ReportFigure], PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withAccess { access, connection in
            let (report, _) = try await readable(text, access: access, on: connection)
            guard report.completedAt != nil else { throw ReportRefusal.notComplete }
            return try await render(report, try await ReportStore.totals(of: report.id, on: connection), connection)
        }
    }

    func exportReportCSV(_ input: Operations.ExportReportCSV.Input) async throws -> Operations.ExportReportCSV.Output {
        let csv = try await exported(input.path.reportId) { report, totals, _ in ReportCSV(report: report, totals: totals).bytes }
        return .ok(.init(body: .csv(HTTPBody(csv))))
    }

    func exportReportXLSX(_ input: Operations.ExportReportXLSX.Input) async throws -> Operations.ExportReportXLSX.Output {
        let workbook = try await exported(input.path.reportId) { report, totals, _ in ReportXLSX(report: report, totals: totals).bytes }
        return .ok(.init(body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(HTTPBody(workbook))))
    }

    func exportReportHTML(_ input: Operations.ExportReportHTML.Input) async throws -> Operations.ExportReportHTML.Output {
        let page = try await exported(input.path.reportId) { report, totals, connection in
            ReportHTML(report: report, totals: totals, title: try await ReportStore.title(of: report, on: connection)).html
        }
        return .ok(.init(body: .html(HTTPBody(page))))
    }

    func submitReport(_ input: Operations.SubmitReport.Input) async throws -> Operations.SubmitReport.Output {
        let report = try await withAccess { access, connection in
            let (report, _) = try await readable(input.path.reportId, access: access, on: connection)
            guard access.maySubmit(report) else { throw ReportRefusal.forbidden }
            return try await ReportStore.submit(report.id, by: access.caller.actor, in: connection)
        }
        return .ok(.init(body: .json(.init(report))))
    }

    func acceptReport(_ input: Operations.AcceptReport.Input) async throws -> Operations.AcceptReport.Output {
        let report = try await withAccess { access, connection in
            let (report, municipality) = try await readable(input.path.reportId, access: access, on: connection)
            guard access.mayAccept(report, municipalityOf: municipality) else { throw ReportRefusal.forbidden }
            return try await ReportStore.accept(report.id, by: access.caller.actor, in: connection)
        }
        return .ok(.init(body: .json(.init(report))))
    }

    /// A quarter from its text; a 422 naming `pointer` otherwise.
    static func quarter(_ text: String, at pointer: String) throws -> Quarter {
        guard let quarter = Quarter(text) else {
            throw APIProblem.validation([FieldIssue(pointer: pointer, code: "invalid_value", message: "Must be a quarter, YYYY-QN (2026-Q3).",
                messageRu: "Должно быть: квартал в виде ГГГГ-QN (2026-Q3).")])
        }
        return quarter
    }
}
