import Foundation
import Models
import Postgres
import StaffAccess

/// Who may read and move which report, from the caller's organisation's place in the hierarchy:
///
/// - a school service's people read its own reports; its head asks for and submits them;
/// - a municipal service's people read its municipality's reports and its schools'; its head asks
///   for and submits the municipality's and accepts its schools';
/// - an administrator reads every report of their organisation's region, asks for the region's
///   and accepts the municipalities'.
///
/// Who may read is written once, as SQL, in ``ReportStore/reports(readableBy:id:quarter:scope:on:)``;
/// a report out of reach is "not found", so its existence is not confirmed.
struct ReportAccess: Sendable {
    /// The caller.
    let caller: StaffCaller
    /// Their organisation's kind and region (from `monitoring.organisations`).
    let kind: OrganisationRegistry.Kind
    let region: String

    /// The caller's place, or `notRegistered` if their organisation is unknown to monitoring.
    static func of(_ caller: StaffCaller, on connection: PostgresConnection) async throws -> ReportAccess {
        guard let row = try await connection.query("""
            SELECT kind, region FROM monitoring.organisations WHERE id = \(caller.organisationID.uuid)
            """).first, let kind = OrganisationRegistry.Kind(rawValue: try row.decode(String.self, at: 0))
        else { throw ReportRefusal.notRegistered }
        return ReportAccess(caller: caller, kind: kind, region: try row.decode(String.self, at: 1))
    }

    /// The caller's organisation.
    var organisation: UUID { caller.organisationID.uuid }
    /// Whether the caller is an administrator (reads the whole region).
    var isAdministrator: Bool { caller.role == .administrator }
    private var isHead: Bool { caller.role == .head }

    /// What the caller may ask for: their organisation's report (head), their municipality's
    /// (head of a municipal service), their region's (administrator).
    func requestable(_ scope: QuarterlyReport.Scope) throws -> (organisation: UUID?, region: String?) {
        switch scope {
        case .organisation:
            guard isHead else { throw ReportRefusal.forbidden }
            return (organisation, nil)
        case .municipality:
            guard isHead else { throw ReportRefusal.forbidden }
            guard kind == .municipalService else { throw ReportRefusal.notAMunicipalService }
            return (organisation, nil)
        case .region:
            guard isAdministrator else { throw ReportRefusal.forbidden }
            return (nil, region)
        }
    }

    /// Whether the caller may submit `report`: the head of the organisation it is about, or for a
    /// region's, an administrator of that region.
    func maySubmit(_ report: QuarterlyReport) -> Bool {
        report.scope == .region ? isAdministrator && report.region == region : isHead && report.organisationID == organisation
    }

    /// Whether the caller may accept `report`: a school's by its municipal service's head, a
    /// municipality's or region's by an administrator of the region.
    func mayAccept(_ report: QuarterlyReport, municipalityOf: UUID?) -> Bool {
        report.scope == .organisation ? isHead && municipalityOf == organisation : isAdministrator && report.region == region
    }
}
