import Foundation
import MonitoringAPI

extension Components.Schemas.Report {
    /// A report as the API shows it; figures, derived shares and the missing schools when given.
    init(_ report: QuarterlyReport, totals: [ReportFigure]? = nil, notYetReported: [(id: UUID, name: String)]? = nil) {
        self.init(
            id: report.id.uuidString.lowercased(), scope: .init(rawValue: report.scope.rawValue)!, organisationId: report.organisationID?.uuidString.lowercased(),
            region: report.region, quarter: report.quarter.description, revision: report.revision, flagged: report.flagged,
            state: .init(rawValue: report.state.rawValue)!, generation: report.generation,
            progress: .init(done: report.partsDone, total: report.partsTotal), requestedAt: report.requestedAt, completedAt: report.completedAt,
            submittedAt: report.submittedAt, submittedBy: report.submittedBy, acceptedAt: report.acceptedAt, acceptedBy: report.acceptedBy,
            figures: totals?.map { .init(indicator: $0.indicator, dimension: $0.dimension, value: $0.value) },
            derived: totals.map { Components.Schemas.Derived(DerivedIndicators(totals: $0)) },
            notYetReported: notYetReported?.map { .init(organisationId: $0.id.uuidString.lowercased(), name: $0.name) })
    }
}

extension Components.Schemas.Derived {
    init(_ derived: DerivedIndicators) {
        self.init(
            shareProcessed: derived.shareProcessed, meanFirstContactHours: derived.meanFirstContactHours,
            meanAttendanceChange: derived.meanAttendanceChange, meanBehaviourChange: derived.meanBehaviourChange,
            meanPerformanceChange: derived.meanPerformanceChange)
    }
}
