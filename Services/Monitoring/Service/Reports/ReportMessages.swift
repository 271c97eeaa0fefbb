import Foundation
import Models

/// `monitoring.report_part.v1`: compute one organisation's figures for one generation of a
/// report. A member of the report's fan-out batch on the `monitoring.reports` queue.
struct ReportPartRequested: MessageContract, Hashable {
    static let messageType = "monitoring.report_part.v1"
    /// The report.
    var reportID: UUID
    /// The generation the part belongs to; a part of an older generation is skipped.
    var generation: Int
    /// The organisation whose figures to compute.
    var organisationID: UUID
    /// The quarter, `YYYY-QN`.
    var quarter: Quarter

    enum CodingKeys: String, CodingKey {
        case reportID = "report_id"
        case generation
        case organisationID = "organisation_id"
        case quarter
    }
}

/// `monitoring.report_assembly.v1`: every part of a report's generation has finished; sum them
/// into the report's totals. The fan-in: the bus enqueues it exactly once, after the last part.
struct ReportAssemblyRequested: MessageContract, Hashable {
    static let messageType = "monitoring.report_assembly.v1"
    /// The report.
    var reportID: UUID
    /// The generation to assemble.
    var generation: Int

    enum CodingKeys: String, CodingKey {
        case reportID = "report_id"
        case generation
    }
}
